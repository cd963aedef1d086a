// @ts-check
// `npm login` (legacy) against this registry: PUT /-/user/org.couchdb.user:<name> with the key
// as the password. The answer's token is the key itself, so npm stores `_authToken=<key>` and
// every later request is checked with Keysmith (a Verdaccio-signed token could outlive a revocation).

const LOGIN_PATH = /^\/-\/user\/org\.couchdb\.user:/;

/** @param {{ method?: string, url?: string }} req */
function isLogin(req) {
  return req.method === "PUT" && LOGIN_PATH.test((req.url ?? "").split("?")[0] ?? "");
}

/** The JSON body of the login request, read here because Verdaccio parses bodies after this middleware. */
function readJson(req, limit = 64 * 1024) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > limit) reject(new Error("login body too large"));
      else chunks.push(chunk);
    });
    req.on("end", () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      } catch (error) {
        reject(error);
      }
    });
    req.on("error", reject);
  });
}

module.exports = { isLogin, readJson };
