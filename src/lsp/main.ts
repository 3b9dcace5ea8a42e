/** Entry point of the bundled server the VS Code extension ships (dist/server.mjs). */
import { startStdioServer } from "./stdio.js";

startStdioServer();
