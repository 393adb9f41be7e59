#!/usr/bin/env python3
"""Writes the seed corpus of event_record_fuzzer (tests/fuzz/corpus/event_record/): event records
(`log` values), a `meta/head` value, an `idempotency` value and a `streams` key, encoded here from
docs/storage-format.md (independently of the C++ encoder). Deterministic; run after a format
change."""
import hashlib
import os
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "event_record")


def varint(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def field(b):
    return varint(len(b)) + b


def u64(n):
    return struct.pack(">Q", n)


def record(stream, type_, payload, principal, agency, command_id, extras, version, position,
           micros, prev_hash):
    body = bytes([1])
    for f in (stream, type_, payload, principal, agency, command_id):
        body += field(f)
    body += varint(len(extras))
    for key, value in extras:
        body += field(key) + field(value)
    body += u64(version) + u64(position) + u64(micros) + prev_hash
    return body + hashlib.sha256(body).digest()


def main():
    os.makedirs(OUT, exist_ok=True)
    micros = 1_795_687_200_000_000  # 2026-11-26T10:00:00Z
    first = record(b"plan-plan-2026", b"trygg.v1.PlanCreated", b"\x0a\x09plan-2026",
                   b"samordnare", b"varnamo-kommun", b"c-1", [], 1, 1, micros, bytes(32))
    second = record(b"measure-m-1", b"trygg.v1.MeasureProposed", bytes(range(40)), b"kommunpolis",
                    b"polisen-lpo", b"c-2", [(b"trace", b"abc"), (b"client", b"trygg 0.1")], 1, 2,
                    micros + 1, first[-32:])
    seeds = {
        "record-plan-created": first,
        "record-with-extras": second,
        "record-empty-fields": record(b"", b"", b"", b"", b"", b"", [], 0, 0, 0, bytes(32)),
        "head": u64(2) + second[-32:],
        "idempotency": bytes([1]) + hashlib.sha256(b"request").digest() + u64(2) + u64(2) + u64(1),
        "stream-key": b"measure-m-1\x00" + u64(1),
    }
    for name, value in seeds.items():
        with open(os.path.join(OUT, "seed-" + name), "wb") as f:
            f.write(value)
    print(f"make_record_seeds: {len(seeds)} seeds in {OUT}")


if __name__ == "__main__":
    main()
