/* Voxloop survey logic for the browser: the same rules as src/collect/survey_logic.cpp,
   evaluated on the public survey JSON (PublicSurveyJson). One question per step; after a
   question its first matching jump decides where to go (a later question or "end"), else the
   next question whose show_if holds. Conditions on unanswered questions are false, except
   not_answered. A unit test runs this file in node against the C++ results. */
(function (root) {
  'use strict';

  function isEmpty(value) {
    return value === undefined || value === null || value === '' ||
      (Array.isArray(value) && value.length === 0);
  }

  function same(a, b) {
    if (typeof a === 'number' && typeof b === 'number') return a === b;
    return a === b;
  }

  function oneOf(value, candidates) {
    return Array.isArray(candidates) && candidates.some(function (c) { return same(value, c); });
  }

  function includes(answer, option) {
    return Array.isArray(answer) && answer.indexOf(option) >= 0;
  }

  function compare(answer, operand, op) {
    if (typeof answer !== 'number' || typeof operand !== 'number') return false;
    switch (op) {
      case 'lt': return answer < operand;
      case 'lte': return answer <= operand;
      case 'gt': return answer > operand;
      case 'gte': return answer >= operand;
      default: return false;
    }
  }

  /* state: {answers: {questionId: value}, hidden: {name: string}} */
  function evaluate(condition, state) {
    if (!condition) return true;
    if (condition.all) return condition.all.every(function (c) { return evaluate(c, state); });
    if (condition.any) return condition.any.some(function (c) { return evaluate(c, state); });
    if (condition.not) return !evaluate(condition.not, state);
    var source = condition.question !== undefined ? state.answers : state.hidden;
    var key = condition.question !== undefined ? condition.question : condition.hidden;
    var answer = source ? source[key] : undefined;
    var answered = !isEmpty(answer);
    if (condition.op === 'answered') return answered;
    if (condition.op === 'not_answered') return !answered;
    if (!answered) return false;
    switch (condition.op) {
      case 'eq': return same(answer, condition.value);
      case 'neq': return !same(answer, condition.value);
      case 'in': return oneOf(answer, condition.value);
      case 'not_in': return !oneOf(answer, condition.value);
      case 'includes': return includes(answer, condition.value);
      case 'excludes': return !includes(answer, condition.value);
      default: return compare(answer, condition.value, condition.op);
    }
  }

  function indexOf(survey, id) {
    for (var i = 0; i < survey.questions.length; i++) {
      if (survey.questions[i].id === id) return i;
    }
    return -1;
  }

  function firstShownFrom(survey, state, start) {
    for (var i = start; i < survey.questions.length; i++) {
      if (evaluate(survey.questions[i].show_if, state)) return survey.questions[i].id;
    }
    return null;
  }

  function first(survey, state) { return firstShownFrom(survey, state, 0); }

  /* The question after `id`, or null when the survey ends there. */
  function next(survey, state, id) {
    var index = indexOf(survey, id);
    if (index < 0) return null;
    var start = index + 1;
    var jumps = survey.questions[index].jumps || [];
    for (var j = 0; j < jumps.length; j++) {
      if (jumps[j]['if'] && !evaluate(jumps[j]['if'], state)) continue;
      if (jumps[j].to === 'end') return null;
      var target = indexOf(survey, jumps[j].to);
      if (target > index) start = target;
      break;
    }
    return firstShownFrom(survey, state, start);
  }

  function path(survey, state) {
    var way = [];
    var current = first(survey, state);
    while (current !== null && way.length < survey.questions.length) {
      way.push(current);
      current = next(survey, state, current);
    }
    return way;
  }

  function previous(survey, state, id) {
    var way = path(survey, state);
    var position = way.indexOf(id);
    return position > 0 ? way[position - 1] : null;
  }

  function missingRequired(survey, state) {
    return path(survey, state).filter(function (id) {
      var question = survey.questions[indexOf(survey, id)];
      if (!question.required) return false;
      var answer = state.answers[id];
      if (question.type === 'consent') return answer !== true;
      return isEmpty(answer);
    });
  }

  function thankYou(survey, state) {
    var screens = survey.thank_you || [];
    for (var i = 0; i < screens.length; i++) {
      if (!screens[i].when || evaluate(screens[i].when, state)) return screens[i];
    }
    return null;
  }

  var api = {
    evaluate: evaluate, first: first, next: next, path: path, previous: previous,
    missingRequired: missingRequired, thankYou: thankYou
  };
  if (typeof module === 'object' && module.exports) module.exports = api;
  else root.VoxloopLogic = api;
})(typeof window !== 'undefined' ? window : this);
