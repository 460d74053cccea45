#!/usr/bin/env python3
"""Score `deals --json` (JSON Lines of reconciled deals) against the blind
reconciliation corpus's expected verdicts.
Usage: score_recon.py expected.json index.json deals.jsonl
index.json maps files to article ids (from the capture)."""
import json, sys, collections
exp = json.load(open(sys.argv[1])); idx = json.load(open(sys.argv[2]))
deals = [json.loads(l) for l in open(sys.argv[3]) if l.strip()]
file_of = {e['article_id']: e['file'] for e in idx}
def norm(s): return s.lower().replace(' ', '')
exp_deals = exp['deals']
# expected deal ids per article (news and background)
art_deals = {a['file']: [d.split(':')[0] for d in a['deals']] for a in exp['articles']}
def candidates(pd):
    """The expected deals a predicted deal stands for: among those reported
    by one of its articles, the ones sharing the most parties with it (at
    least one; at least two when both sides name two or more)."""
    files = {file_of.get(h['article'], h['article']) for h in pd['history']}
    parties = {norm(p) for p in pd['parties']}
    best, out = 0, []
    for ed in exp_deals:
        ep = {norm(p) for p in ed['parties']}
        common = len(parties & ep)
        if common == 0: continue
        if common < 2 and len(parties) >= 2 and len(ep) >= 2: continue
        if not any(ed['id'] in art_deals.get(f, []) for f in files): continue
        if common > best: best, out = common, [ed['id']]
        elif common == best: out.append(ed['id'])
    return files, out
flagged = [d for d in deals if d['review'] == 'needed']
true_ids = {d['id'] for d in exp_deals if d['true_conflict']}
pred_to_exp = {}
for d in deals:
    files, c = candidates(d)
    pred_to_exp[d['id']] = c
real = 0
print('flagged deals:')
for d in flagged:
    c = pred_to_exp[d['id']]
    ok = any(x in true_ids for x in c)
    real += ok
    fields = sorted({x['field'] + '/' + x.get('cause', '') for x in d['conflicts']})
    print(f"  {'REAL ' if ok else 'FALSE'} {d['id']} -> {c} {fields}")
prec = real / len(flagged) if flagged else 1.0
caught = [t for t in sorted(true_ids) if any(t in pred_to_exp[d['id']] for d in flagged)]
print(f"review precision {prec:.3f} ({real}/{len(flagged)} flagged deals are real disagreements)")
print(f"true conflicts caught {len(caught)}/{len(true_ids)}: {caught}; missed {sorted(true_ids - set(caught))}")
# splits: an expected deal whose news facts sit under more than one predicted id
under = collections.defaultdict(set)
for pid, c in pred_to_exp.items():
    if len(c) == 1: under[c[0]].add(pid)
    for x in c:
        if len(c) > 1: under[x].add(pid + ' (shared with ' + ','.join(y for y in c if y != x) + ')')
split = {k: v for k, v in under.items() if len([p for p in v if 'shared' not in p]) > 1}
print(f"real deals under more than one id: {len(split)}")
for k, v in sorted(split.items()): print(f"  {k}: {sorted(v)}")
merged = {pid: c for pid, c in pred_to_exp.items() if len(c) > 1}
print(f"predicted deals that mix several real deals: {len(merged)}")
for k, v in sorted(merged.items()): print(f"  {k}: {v}")
missing = [d['id'] for d in exp_deals if not under.get(d['id'])]
print(f"real deals with no predicted deal: {missing}")
print("current figures:")
for ed in exp_deals:
    ps = [d for d in deals if ed['id'] in pred_to_exp[d['id']]]
    for d in ps:
        a = d['current']['amount']
        cur = f"{a['value']} {a['currency']} {a['qualifier']}" if a else 'none'
        print(f"  {ed['id']} want {ed['expected_current']!r}: {d['id']} current {cur} review {d['review']}")
