// One parser for ChatGuru and Google Sheets; ChatGuru's pause is capped later, by the engine's retry policy.
export { parseRetryAfter } from "../util/retry-after.js";
