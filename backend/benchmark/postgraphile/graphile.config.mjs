// PostGraphile 5 as a frontend team would point it at the hub's database (backend/benchmark/compare.sh):
// Amber preset + simplify-inflection, schema "public", connected as the hub's own API role
// (hub_app, which cannot bypass row-level security). Each request runs with the PostgreSQL setting
// hub.clearance that the row-level security policies read (migration V4): "reserved" when the
// request carries the header `X-Hub-Clearance: reserved` (the government shape), "open" otherwise
// (civil society). The header stands in for authentication: this instance trusts it and listens
// on 127.0.0.1 only.
import { makePgService } from "postgraphile/adaptors/pg";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { PgSimplifyInflectionPreset } from "@graphile/simplify-inflection";

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset, PgSimplifyInflectionPreset],
  // PostGraphile offers `condition` and `orderBy` only on indexed columns unless this plugin is
  // off; the hub filters tasks by status and sorts them by due date without an index either
  disablePlugins: ["PgIndexBehaviorsPlugin"],
  pgServices: [
    makePgService({
      connectionString: process.env.DATABASE_URL,
      schemas: ["public"],
      // the hub's R2DBC pool holds at most 16 connections (application.yml); the same here
      poolConfig: { max: 16 },
    }),
  ],
  grafserv: { graphiql: false, watch: false },
  grafast: {
    explain: false,
    context(requestContext) {
      const clearance = requestContext.node?.req?.headers["x-hub-clearance"] === "reserved" ? "reserved" : "open";
      return { pgSettings: { "hub.clearance": clearance } };
    },
  },
};
export default preset;
