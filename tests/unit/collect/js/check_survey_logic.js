// Runs assets/static/survey_logic.js on cases the C++ logic already answered and reports
// every disagreement. Usage: node check_survey_logic.js <survey_logic.js> <cases.json>
'use strict';
const fs = require('fs');
const path = require('path');
const logic = require(path.resolve(process.argv[2]));
const cases = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
let failures = 0;
for (const [index, c] of cases.entries()) {
  const state = { answers: c.answers, hidden: c.hidden };
  const screen = logic.thankYou(c.survey, state);
  const got = {
    path: logic.path(c.survey, state),
    thank_you: screen ? screen.id : '',
    missing: logic.missingRequired(c.survey, state)
  };
  const want = { path: c.path, thank_you: c.thank_you, missing: c.missing };
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    failures++;
    if (failures <= 5) {
      console.log(`case ${index}: answers ${JSON.stringify(c.answers)}\n  js:  ${JSON.stringify(got)}\n  c++: ${JSON.stringify(want)}`);
    }
  }
}
console.log(`${cases.length} cases, ${failures} disagreements`);
process.exit(failures === 0 && cases.length > 0 ? 0 : 1);
