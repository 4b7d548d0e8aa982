// Types of src/ts.js: the TypeScript namespace (values and types), as `import ts from "typescript"` would give.
import ts = require("typescript");
export default ts;
