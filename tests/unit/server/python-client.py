"""Independent peer for the server tests: Debian's python3-websockets (10.4) as a client.

Usage: python3 python-client.py ws://127.0.0.1:PORT
Prints one JSON object with what it observed; the Vitest suite checks it.
"""
import asyncio
import json
import sys

import websockets


async def main(base):
    out = {}
    # Echo of text and binary; python-websockets offers permessage-deflate by default.
    async with websockets.connect(base + "/echo", subprotocols=["py.v1"]) as ws:
        out["protocol"] = ws.subprotocol
        out["extensions"] = [type(e).__name__ for e in ws.extensions]
        await ws.send("héllo from python")
        out["text"] = await ws.recv()
        await ws.send(bytes([0, 1, 2, 253]))
        out["binary"] = list(await ws.recv())
        # A fragmented message: an iterable is sent as fragments.
        await ws.send(["frag", "men", "ted"])
        out["fragmented"] = await ws.recv()
        # Compressible text survives compression both ways.
        big = "abcabc" * 5000
        await ws.send(big)
        out["bigEqual"] = (await ws.recv()) == big
        pong = await ws.ping(b"py-ping")
        await asyncio.wait_for(pong, 5)
        out["pong"] = True
        await ws.close(4001, "py done")
        out["closeCode"] = ws.close_code
    # Fragmented echo from the server, and a server-initiated close.
    async with websockets.connect(base + "/echo?fragment=4&close=4000&reason=server-bye") as ws:
        await ws.send("four fragments")
        out["serverFragmented"] = await ws.recv()
        try:
            await ws.recv()
        except websockets.ConnectionClosed as closed:
            out["serverClose"] = [closed.rcvd.code, closed.rcvd.reason]
    # A protocol error from the server is detected by python too.
    async with websockets.connect(base + "/echo?bad=opcode", compression=None) as ws:
        await ws.send("x")
        await ws.recv()
        try:
            await ws.recv()
        except websockets.ConnectionClosed as closed:
            out["badClose"] = closed.sent.code if closed.sent else None
    print(json.dumps(out))


asyncio.run(main(sys.argv[1]))
