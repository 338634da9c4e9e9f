import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { findDemoChannelId, seedDemo } from './modules/demo/seed.ts';

const started = performance.now();
let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
await database.migrate();
const app = await buildApp(config, { database });
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
