// @ts-check
const { allows } = require("./access");
const { keyFromAuthorization, looksLikeKey } = require("./credentials");
const { httpError } = require("./errors");
const { isLogin, readJson } = require("./login");
const { KeysmithUnavailableError, VerifyClient } = require("./verify-client");

// A Verdaccio auth plugin that judges every request by the Keysmith key it carries. It replaces
// Verdaccio's token middleware: the key itself is the npm token, checked with Keysmith on each
// request, so revoking a key in Keysmith refuses the next npm request.
//
// config.yaml:   auth: { keysmith: { url: "https://keysmith.example.com", cacheMs: 0 } }

/** The name Verdaccio shows for a key: its public key id (never the secret). */
const userName = (verdict) => `keysmith:${verdict.keyId}`;

class KeysmithAuth {
  /**
   * @param {{ url?: string, cacheMs?: number, timeoutMs?: number }} config
   * @param {{ logger: { info: Function, warn: Function, error: Function } }} options
   */
  constructor(config, options) {
    if (!config || typeof config.url !== "string") throw new Error('verdaccio-keysmith: "url" (the Keysmith base URL) is required');
    this.logger = options.logger;
    this.client = new VerifyClient({ url: config.url, cacheMs: config.cacheMs, timeoutMs: config.timeoutMs });
  }

  /** The verdict for a key, as the scopes of a valid key or null. */
  async scopesOf(key) {
    const verdict = await this.client.verify(key);
    if (!verdict.valid) {
      this.logger.info({ code: verdict.code }, "keysmith: key refused (@{code})");
      return null;
    }
    return { name: userName(verdict), scopes: verdict.scopes };
  }

  /** Basic auth and other paths that ask with a name and password: the password is the key. */
  authenticate(_user, password, callback) {
    if (!looksLikeKey(password)) return callback(httpError(401, "The password must be a Keysmith API key."));
    this.scopesOf(password).then(
      (identity) => (identity ? callback(null, identity.scopes) : callback(httpError(401, "The Keysmith key is not valid."))),
      (error) => callback(httpError(503, error.message)),
    );
  }

  adduser(_user, password, callback) {
    this.authenticate(_user, password, (error) => callback(error ?? null, !error));
  }

  allow_access(user, pkg, callback) {
    this.decide(user, pkg, "read", callback);
  }

  allow_publish(user, pkg, callback) {
    this.decide(user, pkg, "write", callback);
  }

  allow_unpublish(user, pkg, callback) {
    this.decide(user, pkg, "write", callback);
  }

  decide(user, pkg, action, callback) {
    if (!user || !user.name) return callback(httpError(401, "Authorization required: set _authToken to a Keysmith API key."));
    if (allows(user.real_groups ?? [], action, pkg.name)) return callback(null, true);
    return callback(
      httpError(403, `The Keysmith key may not ${action === "read" ? "read" : "publish"} ${pkg.name} (needs packages:${action}).`),
    );
  }

  /** Verdaccio calls this instead of its own token middleware when a plugin provides it. */
  apiJWTmiddleware(helpers) {
    return (req, res, next) => {
      const anonymous = helpers.createAnonymousRemoteUser();
      req.remote_user = anonymous;
      res.locals.remote_user = anonymous;
      if (isLogin(req)) return void this.login(req, res, next);
      const key = keyFromAuthorization(req.headers.authorization);
      if (!key) return next();
      req.pause();
      this.scopesOf(key).then(
        (identity) => {
          if (identity) {
            const user = helpers.createRemoteUser(identity.name, identity.scopes);
            req.remote_user = user;
            res.locals.remote_user = user;
          }
          req.resume();
          next();
        },
        (error) => {
          req.resume();
          this.logger.error({ message: error.message }, "keysmith: @{message}");
          // Fail closed: without Keysmith no key is trusted.
          next(httpError(error instanceof KeysmithUnavailableError ? 503 : 500, "Keys cannot be checked right now."));
        },
      );
    };
  }

  async login(req, res, next) {
    try {
      const body = await readJson(req);
      const password = body && typeof body.password === "string" ? body.password : undefined;
      if (!looksLikeKey(password)) return next(httpError(401, "Log in with a Keysmith API key as the password."));
      const identity = await this.scopesOf(/** @type {string} */ (password));
      if (!identity) return next(httpError(401, "The Keysmith key is not valid."));
      res.status(201).json({ ok: `you are authenticated as '${identity.name}'`, token: password });
    } catch (error) {
      next(error instanceof KeysmithUnavailableError ? httpError(503, error.message) : httpError(400, "The login body must be JSON."));
    }
  }
}

module.exports = { KeysmithAuth };
