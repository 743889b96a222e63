// `chatguru-sync/mock`: the embedded fake ChatGuru, for tests and demos of code that calls the library. A separate
// entry so that the main one stays about syncing; `startMockServer` is also on the main entry (see src/index.ts).
export { startMockServer, MOCK_CREDENTIALS } from "./chatguru/mock/mock-server.js";
export type { MockServer, MockServerOptions, MockState } from "./chatguru/mock/mock-server.js";
