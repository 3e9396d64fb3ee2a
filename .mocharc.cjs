// Mocha runs the TypeScript sources through tsx. `exit` stays off so that a test run which leaves a
// socket, timer or server open hangs instead of passing: open handles are bugs.
module.exports = {
  'node-option': ['import=tsx'],
  spec: ['test/**/*.test.ts'],
  require: ['test/setup/root-hooks.ts'],
  timeout: 20000,
  exit: false,
  reporter: 'spec',
};
