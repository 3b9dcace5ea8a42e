/** "Did you mean" suggestions; one implementation, shared by the binder, checker and linter. */
export { damerauLevenshtein as editDistance, didYouMean, didYouMeanSuffix } from "./lint/suggest.js";
