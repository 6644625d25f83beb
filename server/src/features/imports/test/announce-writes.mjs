// Preloaded (node --import) into a CLI child process by the fault tests: tells, on stderr, each
// statement that writes, so that the test can kill the process once it has started writing.
// It only watches the queries the `pg` driver sends; it changes nothing.
import pg from 'pg';

const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (config, ...rest) {
  const text = typeof config === 'string' ? config : config?.text;
  if (typeof text === 'string' && /\b(INSERT INTO|DELETE FROM|UPDATE)\s+"?\w+/i.test(text)) {
    const m = /\b(INSERT INTO|DELETE FROM|UPDATE)\s+"?(\w+)/i.exec(text);
    process.stderr.write(`berceau-test: write ${m[1].toUpperCase()} ${m[2]}\n`);
  }
  return query.call(this, config, ...rest);
};
