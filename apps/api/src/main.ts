import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { findDemoChannelId, seedDemo } from './modules/demo/seed.ts';

const started = performance.now();

/**
 * A configuration the server cannot start with (invalid variables, an unreachable database, a wrong
 * encryption key) is the operator's to fix: say what, in their words, and exit — a stack trace would
 * only hide the line that matters.
 */
async function orExit<T>(step: () => Promise<T> | T): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}

const config = await orExit(() => loadConfig());
const database = await orExit(() => openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR }));
await database.migrate();
const app = await orExit(() => buildApp(config, { database }).catch(async (err) => {
  await database.close().catch(() => {});
  throw err;
}));
app.addHook('onClose', async () => database.close());

if (config.SEED_DEMO && config.NODE_ENV !== 'production') {
  await app.ready();
  const demo = await seedDemo(app, { tokens: config.SIGNUP_TOKENS });
  if (demo) app.log.info(`demo organization created — log in as ${demo.email} / ${demo.password}`);
}

closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
  if (err) app.log.error({ err }, 'shutting down after an error');
  else app.log.info({ signal }, 'shutting down');
  await app.close();
});

await app.listen({ port: config.PORT, host: config.HOST });
app.log.info(`HelpStack ready on ${database.driver} in ${Math.round(performance.now() - started)} ms`);
