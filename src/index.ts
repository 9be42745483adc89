/** The programmatic API, for tests and tools that embed the simulator. */
export { buildOcpMock, createOcpMockApp, MAX_BODY_BYTES, type OcpMock } from './app.js';
export { ConfigError, type OcpMockOptions } from './config.js';
export { Simulator } from './simulator/simulator.js';
