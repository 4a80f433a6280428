// The rule editor's model: a rule as rows of conditions (combined by "all" or "any") and rows
// of actions, or — for nested conditions — the `when` tree as JSON; and the way back to the
// API's body. Also where each of the server's field errors (`when/all/0/value`,
// `then/1/to/0`, …) belongs in the form.
import type {
  ActionType, Condition, ConditionLeaf, ConditionOp, FieldProblem, Priority, Rule, RuleAction, RuleBody,
} from '../../api/types';
import { NUMBER_FIELDS } from '../../api/types';
import { splitList } from '../cases/caseModel';

// The condition's field as the form picks it: one of the fixed fields, or "customer" with an
// attribute name typed beside it.
export const CUSTOMER_FIELD = 'customer';

export interface ConditionRow {
  key: number;
  field: string;
  attribute: string;
  op: ConditionOp;
  value: string;
}

export interface ActionRow {
  key: number;
  type: ActionType;
  title: string;
  team: string;
  user_id: string;
  priority: Priority;
  tags: string;
  url: string;
  to: string;
}

export type Combine = 'all' | 'any';

export interface RuleForm {
  name: string;
  enabled: boolean;
  combine: Combine;
  conditions: ConditionRow[];
  advanced: boolean;
  whenJson: string;
  actions: ActionRow[];
  throttle: string;
  quietStart: string;
  quietEnd: string;
}

let nextKey = 1;
const newKey = () => nextKey++;

export function blankCondition(): ConditionRow {
  return { key: newKey(), field: 'text', attribute: '', op: 'contains', value: '' };
}

export function blankAction(type: ActionType = 'create_case'): ActionRow {
  return { key: newKey(), type, title: '', team: '', user_id: '', priority: 'high', tags: '', url: '', to: '' };
}

export function blankForm(): RuleForm {
  return {
    name: '', enabled: true, combine: 'all', conditions: [blankCondition()], advanced: false,
    whenJson: '', actions: [blankAction()], throttle: '', quietStart: '', quietEnd: '',
  };
}

const isLeaf = (condition: Condition): condition is ConditionLeaf => 'field' in condition;

function valueText(value: unknown): string {
  if (Array.isArray(value)) return value.map((entry) => String(entry)).join(', ');
  if (value === null || value === undefined) return '';
  return String(value);
}

function rowOf(leaf: ConditionLeaf): ConditionRow {
  const customer = leaf.field.startsWith('customer.');
  return {
    key: newKey(),
    field: customer ? CUSTOMER_FIELD : leaf.field,
    attribute: customer ? leaf.field.slice('customer.'.length) : '',
    op: leaf.op,
    value: valueText(leaf.value),
  };
}

// Rows when the tree is one flat "all" or "any" of leaves; null when it needs the JSON mode.
export function flatRows(when: Condition): { combine: Combine; rows: ConditionRow[] } | null {
  for (const combine of ['all', 'any'] as const) {
    if (combine in when) {
      const children = (when as Record<Combine, Condition[]>)[combine];
      if (Array.isArray(children) && children.length > 0 && children.every(isLeaf)) {
        return { combine, rows: (children as ConditionLeaf[]).map(rowOf) };
      }
      return null;
    }
  }
  if (isLeaf(when)) return { combine: 'all', rows: [rowOf(when)] };
  return null;
}

function actionRow(action: RuleAction): ActionRow {
  return {
    ...blankAction(action.type),
    title: action.title ?? '',
    team: action.team ?? '',
    user_id: action.user_id ?? '',
    priority: action.priority ?? 'high',
    tags: (action.tags ?? []).join(', '),
    url: action.url ?? '',
    to: (action.to ?? []).join(', '),
  };
}

export function formOf(rule: Rule): RuleForm {
  const flat = flatRows(rule.when);
  return {
    name: rule.name,
    enabled: rule.enabled,
    combine: flat?.combine ?? 'all',
    conditions: flat?.rows ?? [blankCondition()],
    advanced: flat === null,
    whenJson: JSON.stringify(rule.when, null, 2),
    actions: rule.then.length > 0 ? rule.then.map(actionRow) : [blankAction()],
    throttle: rule.throttle_minutes === null || rule.throttle_minutes === undefined ? '' : String(rule.throttle_minutes),
    quietStart: rule.quiet_hours?.start ?? '',
    quietEnd: rule.quiet_hours?.end ?? '',
  };
}

export function fieldOf(row: ConditionRow): string {
  return row.field === CUSTOMER_FIELD ? `customer.${row.attribute.trim()}` : row.field;
}

// A number when the text is one; else the text as typed, so the server names the mistake.
function numberOrText(text: string): number | string {
  const trimmed = text.trim();
  const number = Number(trimmed);
  return trimmed !== '' && Number.isFinite(number) ? number : trimmed;
}

function leafOf(row: ConditionRow): ConditionLeaf {
  const field = fieldOf(row);
  const numeric = NUMBER_FIELDS.includes(field);
  let value: unknown;
  if (row.op === 'exists') value = row.value !== 'false';
  else if (row.op === 'in') value = splitList(row.value).map((entry) => (numeric ? numberOrText(entry) : entry));
  else value = numeric ? numberOrText(row.value) : row.value;
  return { field, op: row.op, value };
}

export function rowsToWhen(form: RuleForm): Condition {
  return { [form.combine]: form.conditions.map(leafOf) } as Condition;
}

function actionOf(row: ActionRow): RuleAction {
  const optional = (text: string) => (text.trim() ? text.trim() : undefined);
  switch (row.type) {
    case 'create_case': return { type: row.type, title: optional(row.title), team: optional(row.team) };
    case 'assign': return { type: row.type, user_id: optional(row.user_id), team: optional(row.team) };
    case 'set_priority': return { type: row.type, priority: row.priority };
    case 'tag': return { type: row.type, tags: splitList(row.tags) };
    case 'notify_webhook': return { type: row.type, url: optional(row.url) };
    case 'notify_email': return { type: row.type, to: splitList(row.to) };
  }
}

export class JsonModeError extends Error {}

// The API's body; throws JsonModeError when the advanced JSON does not parse.
export function bodyOf(form: RuleForm): RuleBody {
  let when: Condition;
  if (form.advanced) {
    try {
      when = JSON.parse(form.whenJson) as Condition;
    } catch {
      throw new JsonModeError('when');
    }
  } else {
    when = rowsToWhen(form);
  }
  const throttle = form.throttle.trim();
  return {
    name: form.name.trim(),
    enabled: form.enabled,
    when,
    then: form.actions.map(actionOf),
    throttle_minutes: throttle === '' ? null : (numberOrText(throttle) as number),
    quiet_hours: form.quietStart || form.quietEnd ? { start: form.quietStart, end: form.quietEnd } : null,
  };
}

// The inputs a field error can stand beside, by path prefix; the rest are shown together.
export function inputPaths(form: RuleForm): string[] {
  const paths = ['name', 'enabled', 'throttle_minutes', 'quiet_hours/start', 'quiet_hours/end'];
  if (form.advanced) {
    paths.push('when');
  } else {
    form.conditions.forEach((_, index) => {
      for (const part of ['field', 'op', 'value']) paths.push(`when/${form.combine}/${index}/${part}`);
    });
  }
  form.actions.forEach((_, index) => {
    for (const part of ['type', 'title', 'team', 'user_id', 'priority', 'tags', 'url', 'to']) paths.push(`then/${index}/${part}`);
  });
  return paths;
}

const under = (field: string, path: string) => field === path || field.startsWith(`${path}/`);

// The error for the input at `path` (or anything inside it: `then/1/to/0` is the `to` input's).
export function errorAt(errors: FieldProblem[], path: string): FieldProblem | undefined {
  return errors.find((error) => under(error.field, path));
}

export function unplacedErrors(errors: FieldProblem[], form: RuleForm): FieldProblem[] {
  const paths = inputPaths(form);
  return errors.filter((error) => !paths.some((path) => under(error.field, path)));
}
