/**
 * Browser captures (HAR, SAML-tracer exports) on the Node side: reading a file in bounded memory,
 * and judging every response in a capture with the login test's own analysis.
 */
export { readCaptureFile, type CaptureFileOptions } from './read-capture-file';
export { analyzeCapture, type AnalyzeCaptureOptions } from './analyze-capture';
