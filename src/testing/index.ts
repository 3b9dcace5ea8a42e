/**
 * `hindsight/testing`: local stand-ins that speak real protocols, for tests and
 * runs without a GPU or a hosted model: a vLLM-style completions server and an
 * OpenAI-compatible chat-completions judge.
 */
export { startStubVllm, stubTokenize, type StubVllm, type StubVllmOptions } from "./vllm-server.js";
export {
  startStubJudgeServer,
  parseStubMode,
  type StubBehavior,
  type StubJudgeServer,
  type StubServerOptions,
  type RecordedRequest,
} from "./judge-stub-server.js";
