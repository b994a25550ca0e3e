"""The import baseline: natasha's full pipeline (segment, morphology, NER) over the same articles.

`python -m bench.natasha_baseline JSONL_DIR --limit N` prints one JSON line: articles, seconds
spent on the articles (model loading excluded, reported apart), and this process's peak RSS.
One process, as natasha is used ordinarily.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("jsonl_dir")
    p.add_argument("--limit", type=int, default=None)
    args = p.parse_args()
    started = time.perf_counter()
    from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    segmenter, emb = Segmenter(), NewsEmbedding()
    morph_tagger, ner_tagger = NewsMorphTagger(emb), NewsNERTagger(emb)
    MorphVocab()  # loaded as in the full pipeline, though tagging does not need it
    load = time.perf_counter() - started
    texts = []
    for f in sorted(Path(args.jsonl_dir).glob("*.jsonl")):
        for line in f.open(encoding="utf-8"):
            r = json.loads(line)
            texts.append(r["title"] + "\n\n" + r["text"])
            if args.limit and len(texts) >= args.limit:
                break
        if args.limit and len(texts) >= args.limit:
            break
    started = time.perf_counter()
    spans = 0
    for text in texts:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(morph_tagger)
        doc.tag_ner(ner_tagger)
        spans += len(doc.spans)
    seconds = time.perf_counter() - started
    json.dump({"articles": len(texts), "seconds": seconds, "load_seconds": load, "spans": spans,
               "maxrss_self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
