#!/usr/bin/env python3
"""Writes the hostile-input corpus next to this script: one file per case, named after it.

Run from anywhere: python3 src/test/resources/hostile/_make_corpus.py. The files are committed; this script
documents exactly how each was made (bytes that an editor would "fix" are written from here). Files starting
with '_' and Markdown files are not read by the job, so this script and README.md are not inputs.
HostileInputIT holds the expected outcome of every case.
"""
import gzip
import json
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
T = "2026-11-20T12:00:00Z"


def post(pid, text, **extra):
    p = {"id": pid, "source": "hostile", "author": "tester", "created_at": T, "markup": "plain", "text": text}
    p.update(extra)
    return p


def line(obj):
    return json.dumps(obj, ensure_ascii=False)


def write(name, data):
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(os.path.join(HERE, name), mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as f:
        f.write(data)


GOOD = "ROCm finally installs cleanly on my card and the kernels run fast."
GOOD2 = "CUDA still just works, which is why everyone stays on NVIDIA."

# 1. JSON lines whose last line was cut mid-object (a download that stopped).
write("truncated-json-lines.jsonl", line(post("tj1", GOOD)) + "\n" + line(post("tj2", GOOD2)) + "\n"
      + line(post("tj3", GOOD))[:40] + "\n")
# 2. A JSON document (array) cut mid-way: the records before the cut are read, the rest is one reject.
doc = json.dumps([post("td1", GOOD), post("td2", GOOD2), post("td3", GOOD)], indent=2)
write("truncated-json-document.json", doc[: doc.index('"td3"') + 10])
# 3. A UTF-8 byte-order mark before the first record.
write("bom.jsonl", b"\xef\xbb\xbf" + (line(post("bom1", GOOD)) + "\n" + line(post("bom2", GOOD2)) + "\n").encode())
# 4. NUL bytes: raw inside a JSON string (invalid JSON), escaped inside a string (valid), and a line of NULs.
raw_nul = line(post("nul1", "ROCm PLACEHOLDER works")).encode().replace(b"PLACEHOLDER", b"\x00\x00")
write("nul-bytes.jsonl", raw_nul + b"\n" + line(post("nul2", "ROCm\u0000 works now, the driver \u0000bug is fixed.")).encode()
      + b"\n" + b"\x00" * 64 + b"\n")
# 5. Invalid UTF-8 inside a text (a lone continuation byte and a truncated sequence): decoded with U+FFFD.
bad = line(post("utf1", "ROCm BAD1 is great BAD2 really.")).encode()
write("invalid-utf8.jsonl", bad.replace(b"BAD1", b"\xc3\x28").replace(b"BAD2", b"\xe2\x82") + b"\n"
      + line(post("utf2", GOOD2)).encode() + b"\n")
# 6. One 10 MB post (a pasted log), compressed so the repository stays small.
huge = ("ROCm error: HIP out of memory while allocating tensor of shape [4096, 4096] on device 0. " * 120_000)[:10_000_000]
with gzip.open(os.path.join(HERE, "huge-post-10mb.jsonl.gz"), "wt", encoding="utf-8") as f:
    f.write(line(post("huge1", huge)) + "\n" + line(post("huge2", GOOD)) + "\n")
# 7. Deeply nested HTML (10,000 levels) around a sentence.
deep = "<div>" * 10_000 + "ROCm finally works on my card, great news." + "</div>" * 10_000
write("deep-html.jsonl", line(post("deep1", deep, markup="html")) + "\n")
# 8. Posts that are only code, only URLs, or empty (empty string, null text with no title, whitespace).
#    The code and URL posts are replies in a ROCm thread, so they are on topic and end as "empty"; the same
#    posts on their own name no topic once cleaned and end as "off_topic".
root = post("root1", "Which ROCm version works with PyTorch on a 7900 XTX?", thread_id="root1")
write("code-only.jsonl", "\n".join(line(p) for p in [
    root,
    post("code1", "```\nimport torch\nprint(torch.cuda.is_available())\n```", markup="markdown",
         thread_id="root1", parent_id="root1"),
    post("code2", "<pre><code>hipcc -O3 kernel.cpp</code></pre>", markup="html", thread_id="root1", parent_id="root1"),
    post("code3", "```\nimport torch\nprint(torch.cuda.is_available())\n```", markup="markdown"),
]) + "\n")
write("urls-only.jsonl", "\n".join(line(p) for p in [
    post("url1", "https://github.com/ROCm/ROCm/issues/1 https://rocm.docs.amd.com/", thread_id="root1",
         parent_id="root1"),
    post("url2", "<a href=\"https://tinygrad.org\">https://tinygrad.org</a>", markup="html"),
]) + "\n")
write("empty-text.jsonl", line(post("empty1", "")) + "\n" + line(post("empty2", None)) + "\n"
      + line(post("empty3", "   \n\t ")) + "\n")
# 9. Non-English posts about the topics.
write("non-english.jsonl", "\n".join(line(p) for p in [
    post("ne1", "我在我的显卡上安装了ROCm，但是它不能正常工作，驱动程序还是很差。"),
    post("ne2", "Я установил ROCm на свою видеокарту, но он не работает, драйверы всё ещё плохие."),
    post("ne3", "Instalé ROCm en mi tarjeta pero no funciona, los controladores son muy malos para esto."),
    post("ne4", "ROCmをインストールしましたが、動作しません。ドライバーはまだ悪いです。"),
]) + "\n")
# 10. Emoji: an English post full of them, and one that is only emoji and a name.
write("emoji.jsonl", line(post("emo1", "ROCm 6.2 is 🔥🔥🔥 and my 7900 XTX finally trains 🚀 love it 😍")) + "\n"
      + line(post("emo2", "🔥🔥 CUDA 🔥🔥")) + "\n")
# 11. Mixed field types: numbers as strings and the reverse, epoch timestamps, an object where text should be.
write("mixed-types.jsonl", "\n".join(line(p) for p in [
    {"id": 12345, "source": "hostile", "author": "tester", "created_at": 1763640000, "markup": "plain",
     "text": GOOD, "score": "17"},
    {"id": "mt2", "source": "hostile", "author": 42, "created_at": "1763640000", "markup": "plain",
     "text": GOOD2, "score": 3.0},
    {"id": "mt3", "source": "hostile", "author": "tester", "created_at": T, "markup": "plain",
     "text": {"body": GOOD}},
    {"id": "mt4", "source": "hostile", "author": "tester", "created_at": T, "markup": "plain",
     "text": GOOD, "score": "lots"},
]) + "\n")
# 12. The same id three times (an export that overlaps itself).
write("duplicate-ids.jsonl", line(post("dup1", GOOD)) + "\n" + line(post("dup1", GOOD)) + "\n"
      + line(post("dup1", GOOD2)) + "\n" + line(post("dup2", GOOD2)) + "\n")
# 13. Records of a format moatwatch does not know.
write("unknown-format.json", line({"kind": "Listing", "payload": {"rows": [1, 2, 3]}}) + "\n"
      + line({"kind": "Listing", "payload": {"rows": []}}) + "\n")
# 14. An empty file.
write("empty-file.jsonl", "")
# 15. Compressed files cut short: gzip and zstd (Reddit's dumps), each after a few complete records.
body = ("\n".join(line(post("tz%d" % i, GOOD if i % 2 else GOOD2)) for i in range(1, 201)) + "\n").encode()
gz = gzip.compress(body)
write("truncated-gzip.jsonl.gz", gz[: len(gz) // 2])
# zstd decodes whole blocks (up to 128 KiB), so its file is longer, to have complete blocks before the cut.
body = ("\n".join(line(post("zs%d" % i, GOOD if i % 2 else GOOD2)) for i in range(1, 3001))
        + "\n").encode()
zst = subprocess.run(["zstd", "-q", "-c", "-3"], input=body, stdout=subprocess.PIPE, check=True).stdout
write("truncated-zstd.jsonl.zst", zst[: len(zst) * 2 // 3])
