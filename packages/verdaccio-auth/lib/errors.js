// @ts-check
// Errors in the shape Verdaccio's error handler answers with (http-errors style).

/** @param {number} status @param {string} message */
function httpError(status, message) {
  return Object.assign(new Error(message), { status, statusCode: status, expose: true });
}

module.exports = { httpError };
