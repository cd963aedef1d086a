import { extendZodWithOpenApi } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";

// `.openapi()` on zod schemas, for the response shapes documented here. The validation
// schemas in lib/validations stay plain zod; the document reuses them as they are.
extendZodWithOpenApi(z);

export { z };
