#!/usr/bin/env python3
"""delayproxy — a TCP proxy on loopback that adds a fixed latency to every
byte in both directions (a thin, far link), for the review workbench's tests
and bench: moving on to the next case must not wait on it.

    delayproxy.py TARGET_PORT DELAY_MS PORT_FILE

Listens on 127.0.0.1 (a free port, written to PORT_FILE once listening) and
forwards each connection to 127.0.0.1:TARGET_PORT. Each chunk read is written
DELAY_MS after it arrived, in order (a latency, not a throttle). TLS passes
through untouched. SIGSTOP freezes the link; SIGCONT lets it go on."""
import asyncio
import sys
import time


async def pump(reader, writer, delay):
    queue = asyncio.Queue()

    async def deliver():
        while True:
            due, chunk = await queue.get()
            if chunk is None:
                break
            wait = due - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            writer.write(chunk)
            await writer.drain()
        writer.close()

    task = asyncio.ensure_future(deliver())
    try:
        while True:
            chunk = await reader.read(65536)
            if not chunk:
                break
            queue.put_nowait((time.monotonic() + delay, chunk))
    except (ConnectionError, OSError):
        pass
    queue.put_nowait((0, None))
    try:
        await task
    except (ConnectionError, OSError):
        pass


async def main():
    target, delay, port_file = int(sys.argv[1]), float(sys.argv[2]) / 1000.0, sys.argv[3]

    async def handle(client_r, client_w):
        try:
            up_r, up_w = await asyncio.open_connection("127.0.0.1", target)
        except OSError:
            client_w.close()
            return
        await asyncio.gather(pump(client_r, up_w, delay), pump(up_r, client_w, delay))

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.sockets[0].getsockname()[1]))
    import os
    os.rename(port_file + ".tmp", port_file)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
