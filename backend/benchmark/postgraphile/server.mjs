// Starts PostGraphile 5 (graphile.config.mjs) on 127.0.0.1:$PORT, endpoint /graphql.
//   DATABASE_URL=postgres://hub_app:hub_app@127.0.0.1:5432/postgres PORT=15678 node server.mjs
import { createServer } from "node:http";
import { postgraphile } from "postgraphile";
import { grafserv } from "postgraphile/grafserv/node";
import preset from "./graphile.config.mjs";

const port = Number(process.env.PORT ?? 15678);
const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on("error", (e) => { console.error(e); process.exit(1); });
serv.addTo(server).catch((e) => { console.error(e); process.exit(1); });
await pgl.getSchema();   // build the schema (introspection) before answering
server.listen(port, "127.0.0.1", () => console.log(`PostGraphile listening on http://127.0.0.1:${port}/graphql`));
const stop = async () => { server.close(); await pgl.release(); process.exit(0); };
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
