// Fault-injection tests: each file starts its own PostgreSQL cluster and Redis server on free ports.
const base = require('../../jest.config.js');
module.exports = {
  ...base,
  rootDir: '../..',
  roots: ['<rootDir>/test/faults'],
  testRegex: '.*\\.fault-spec\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  globalSetup: undefined,
  globalTeardown: undefined,
  testTimeout: 240000,
  // Child processes and socket clients are stopped in afterAll; a lingering keep-alive must not hold the run.
  forceExit: true,
};
