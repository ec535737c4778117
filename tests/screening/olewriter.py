"""Writing an OLE compound file (CFB, version 3) from its streams, for tests that change a legacy
Office file's streams in ways that change their size (olefile only rewrites a stream in place).

    streams = read_streams(doc_bytes)            # {("WordDocument",): b"…", ("ObjectPool", "_1", "\\x01Ole"): …}
    streams[("WordDocument",)] += b"appended"
    data = write_ole(streams, root_clsid)
"""

from __future__ import annotations

import io
import struct

SECTOR = 512
MINI = 64
CUTOFF = 4096
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def read_streams(data: bytes) -> tuple[dict[tuple[str, ...], bytes], str]:
    """Every stream of the compound file (by its path) and the root's CLSID."""
    import olefile

    ole = olefile.OleFileIO(io.BytesIO(data))
    with ole:
        streams = {tuple(path): ole.openstream(path).read() for path in ole.listdir(streams=True, storages=False)}
        return streams, ole.root.clsid


def _clsid_bytes(clsid: str) -> bytes:
    if not clsid:
        return b"\0" * 16
    import uuid

    return uuid.UUID(clsid).bytes_le


def write_ole(streams: dict[tuple[str, ...], bytes], root_clsid: str = "") -> bytes:
    # the tree: storages are the prefixes of the stream paths
    nodes: dict[tuple[str, ...], dict] = {(): {"name": "Root Entry", "type": 5, "children": []}}
    for path in sorted(streams):
        for depth in range(1, len(path) + 1):
            key = path[:depth]
            if key not in nodes:
                is_stream = depth == len(path)
                nodes[key] = {"name": key[-1], "type": 2 if is_stream else 1, "children": []}
                nodes[key[:-1]]["children"].append(key)
    order = list(nodes)
    ids = {key: i for i, key in enumerate(order)}

    # streams: small ones in the mini stream, the rest in sectors
    mini = bytearray()
    minifat: list[int] = []
    big: list[tuple[tuple, bytes]] = []
    start: dict[tuple, int] = {}
    for key in order[1:]:
        if nodes[key]["type"] != 2:
            continue
        data = streams[key]
        if len(data) < CUTOFF:
            if not data:
                start[key] = END
                continue
            first = len(mini) // MINI
            count = -(-len(data) // MINI)
            minifat += [first + i + 1 for i in range(count - 1)] + [END]
            mini += data + b"\0" * (count * MINI - len(data))
            start[key] = first
        else:
            big.append((key, data))

    sectors: list[bytes] = []
    fat: list[int] = []

    def place(data: bytes) -> int:
        if not data:
            return END
        first = len(sectors)
        count = -(-len(data) // SECTOR)
        for i in range(count):
            sectors.append(data[i * SECTOR : (i + 1) * SECTOR].ljust(SECTOR, b"\0"))
            fat.append(first + i + 1 if i < count - 1 else END)
        return first

    for key, data in big:
        start[key] = place(data)
    mini_start = place(bytes(mini))
    minifat_bytes = b"".join(struct.pack("<I", v) for v in minifat)
    minifat_start = place(minifat_bytes) if minifat else END

    def tree(children: list[tuple]) -> int:
        def keyed(k):
            name = nodes[k]["name"]
            return (len(name), name.upper())

        ordered = sorted(children, key=keyed)

        def build(lo: int, hi: int) -> int:
            if lo >= hi:
                return NOSTREAM
            mid = (lo + hi) // 2
            node = nodes[ordered[mid]]
            node["left"], node["right"] = build(lo, mid), build(mid + 1, hi)
            return ids[ordered[mid]]

        return build(0, len(ordered))

    for key in order:
        nodes[key]["child"] = tree(nodes[key]["children"])
    nodes[()].update(left=NOSTREAM, right=NOSTREAM)
    directory = bytearray()
    for key in order:
        node = nodes[key]
        name = node["name"].encode("utf-16-le") + b"\0\0"
        if node["type"] == 5:
            first, size = mini_start if mini else END, len(mini)
        elif node["type"] == 2:
            first, size = start[key], len(streams[key])
        else:
            first, size = 0, 0
        clsid = _clsid_bytes(root_clsid) if node["type"] == 5 else b"\0" * 16
        directory += name.ljust(64, b"\0") + struct.pack("<HBB", len(name), node["type"], 1)
        directory += struct.pack("<III", node["left"], node["right"], node["child"])
        directory += clsid + b"\0" * 4 + b"\0" * 16 + struct.pack("<IQ", first, size)
    while len(directory) % SECTOR:
        directory += (
            b"\0" * 64 + struct.pack("<HBB", 0, 0, 0) + struct.pack("<III", NOSTREAM, NOSTREAM, NOSTREAM)
        ).ljust(128, b"\0")
    dir_start = place(bytes(directory))

    # the FAT covers itself: grow it until it does
    nfat = 1
    while (len(sectors) + nfat) > nfat * (SECTOR // 4):
        nfat += 1
    if nfat > 109:
        raise ValueError("file too large for this writer (no DIFAT sectors)")
    fat_first = len(sectors)
    fat += [FATSECT] * nfat
    fat += [FREE] * (nfat * (SECTOR // 4) - len(fat))
    fat_bytes = b"".join(struct.pack("<I", v) for v in fat)
    for i in range(nfat):
        sectors.append(fat_bytes[i * SECTOR : (i + 1) * SECTOR])

    header = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16)
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
    header += struct.pack(
        "<IIIIIIIII",
        0,
        nfat,
        dir_start,
        0,
        CUTOFF,
        minifat_start,
        len(minifat_bytes) // SECTOR + (1 if len(minifat_bytes) % SECTOR else 0),
        END,
        0,
    )
    difat = [fat_first + i for i in range(nfat)] + [FREE] * (109 - nfat)
    header += b"".join(struct.pack("<I", v) for v in difat)
    assert len(header) == SECTOR
    return bytes(header) + b"".join(sectors)
