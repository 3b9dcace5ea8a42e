/**
 * `hindsight/testing`: local stand-ins that speak real protocols, for tests and
 * runs without a GPU or a hosted model.
 */
export { startStubVllm, stubTokenize, type StubVllm, type StubVllmOptions } from "./vllm-server.js";
