// @ts-check
const { KeysmithAuth } = require("./lib/plugin");

/** Verdaccio's plugin entry: `auth: { keysmith: { url } }` loads `verdaccio-keysmith`. */
module.exports = (config, options) => new KeysmithAuth(config, options);
