#!/usr/bin/python3
"""A real SMTP server for tests: accepts mail on 127.0.0.1 and writes it to a folder.

    python3 tests/support/smtp_sink.py --port 0 --dir DIR [--reject RCPT]... [--auth USER:PASS]

Prints "PORT <n>" as its first line of standard output once it is listening (port 0 picks a
free one). Every accepted message becomes DIR/NNNN.eml (the bytes as received, from 0001 on),
with its envelope in DIR/NNNN.json ({"mail_from", "rcpt_tos", "received_at"}); the .json is
written first and the .eml is renamed into place, so a test that sees NNNN.eml sees both.
Both are written before the server answers 250 to DATA, so they exist once a client's send
returns. --reject makes RCPT TO for that address answer 550 (a bounce). --auth makes AUTH
(PLAIN or LOGIN, without TLS) required with that user and password. Exits 0 on SIGTERM or
SIGINT. Needs Debian's python3-aiosmtpd.
"""
import argparse
import asyncio
import json
import logging
import os
import signal
import sys
import time
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class FolderHandler:
    def __init__(self, folder, rejected):
        self.folder = folder
        self.rejected = {address.lower() for address in rejected}
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.rejected:
            return f'550 5.1.1 <{address}>: Recipient address rejected: User unknown'
        envelope.rcpt_tos.append(address)
        return '250 2.1.5 OK'

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        stem = os.path.join(self.folder, f'{self.count:04d}')
        with open(stem + '.json', 'w', encoding='utf-8') as side:
            json.dump({'mail_from': envelope.mail_from, 'rcpt_tos': envelope.rcpt_tos,
                       'received_at': time.time()}, side, ensure_ascii=False)
        with open(stem + '.eml.tmp', 'wb') as message:
            message.write(envelope.original_content)
        os.replace(stem + '.eml.tmp', stem + '.eml')
        return '250 2.0.0 OK: queued'


def make_authenticator(user, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login == user.encode()
              and auth_data.password == password.encode())
        return AuthResult(success=ok, handled=False)
    return authenticate


async def serve(args):
    os.makedirs(args.dir, exist_ok=True)
    handler = FolderHandler(args.dir, args.reject)
    options = {'hostname': 'voxloop-smtp-sink', 'enable_SMTPUTF8': True}
    if args.auth:
        user, _, password = args.auth.partition(':')
        options.update(authenticator=make_authenticator(user, password), auth_required=True,
                       auth_require_tls=False)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(handler, **options), host='127.0.0.1',
                                      port=args.port)
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    print(f'PORT {server.sockets[0].getsockname()[1]}', flush=True)
    await stop.wait()
    server.close()
    await server.wait_closed()


def main():
    # AUTH without TLS is the point of --auth on loopback; aiosmtpd warns about it each time.
    warnings.filterwarnings('ignore', message='Requiring AUTH while not requiring TLS')
    logging.getLogger('mail.log').setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(description='SMTP sink for tests')
    parser.add_argument('--port', type=int, default=0)
    parser.add_argument('--dir', required=True, help='folder for the received messages')
    parser.add_argument('--reject', action='append', default=[], metavar='RCPT',
                        help='answer 550 to RCPT TO for this address (repeatable)')
    parser.add_argument('--auth', metavar='USER:PASS', help='require AUTH with these')
    asyncio.run(serve(parser.parse_args()))
    return 0


if __name__ == '__main__':
    sys.exit(main())
