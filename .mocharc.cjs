// Mocha runs the TypeScript sources through tsx. `exit` stays off so that a test run which leaves a
// socket, timer or server open hangs instead of passing: open handles are bugs.
// Files named on the command line replace the default spec, so `npx mocha test/x/**/*.test.ts` runs just those.
const namesFiles = process.argv.slice(2).some((arg) => !arg.startsWith('-') && /\.test\.ts$|\/$/.test(arg));

module.exports = {
  'node-option': ['import=tsx'],
  spec: namesFiles ? [] : ['test/**/*.test.ts'],
  require: ['test/setup/root-hooks.ts'],
  timeout: 20000,
  exit: false,
  reporter: './test/setup/spec-with-totals.cjs',
};
