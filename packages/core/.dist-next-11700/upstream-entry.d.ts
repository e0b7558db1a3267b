export { boundedFetch, formatBytes, ResponseTooLargeError, tooLargeIn } from './upstream/bounded-fetch.js';
export { cutText, fitResult, MAX_RESULT_BYTES, withBoundedResult, wrapTools, } from './upstream/bounded-result.js';
