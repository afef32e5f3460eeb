// The expected JPSTH of the Gatsby Q3.1–Q3.3 models in closed form, and the test of a
// recording against it.
export * from './expectedJpsth.js';
export * from './jpsthFit.js';
