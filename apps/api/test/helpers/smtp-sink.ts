import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on 127.0.0.1:0 that keeps every mail; `failNext(code)` answers the next MAIL FROM with it. */
export async function startSmtpSink() {
  const mails: ParsedMail[] = [];
  const failures: number[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(_auth, _session, done) {
      done(null, { user: 'test' });
    },
    onMailFrom(_address, _session, done) {
      const code = failures.shift();
      if (!code) return done();
      const err = Object.assign(new Error(`${code} rejected by the test sink`), { responseCode: code });
      done(err);
    },
    onData(stream, _session, done) {
      simpleParser(stream).then((mail) => {
        mails.push(mail);
        done();
      }, done);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    mails,
    failNext(code: number) {
      failures.push(code);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
