#!/usr/bin/env python3
"""Score extract --json output (JSON Lines) against an expected.json of
(parties, figure) facts, as extract/rules' blind evaluation does, plus stage
and confirmation accuracy on matched facts and the number of background
deals. A deal's increment is tried as its figure when its amount misses.
Usage: score_facts.py expected.json results.jsonl [--grounded-only]"""
import json, sys, os
from decimal import Decimal
exp = json.load(open(sys.argv[1]))
res = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
grounded_only = '--grounded-only' in sys.argv
news_only = '--news-only' in sys.argv
by_file = {os.path.basename(r['article']['source']): r for r in res}
def fig(m, unit_key='currency'):
    v = Decimal(str(m['value'])).normalize()
    s = format(v, 'f')
    return s + ' ' + m[unit_key]
def pairs(deal):
    names = sorted(p['name'] for p in deal['parties'])
    alts = []
    if deal.get('increment'): alts.append(fig(deal['increment']))
    out = []
    if deal.get('amount'): out.append((names, fig(deal['amount']), alts, deal))
    for c in deal.get('capacity') or []: out.append((names, fig(c, 'unit'), [], deal))
    if not out: out.append((names, '', alts, deal))
    return out
def matches(names, figure, f):
    if figure != f['figure']: return False
    s = set(names)
    if not all(c in s for c in f['parties']): return False
    allowed = set(f['parties']) | set(f.get('also') or [])
    return all(n in allowed for n in names)
tot = {}
fb = [0, 0]  # figure-bearing predictions: tp, predicted
stage_ok = stage_n = conf_ok = conf_n = 0
bg = 0; deals_n = 0
log = []
for a in exp['articles']:
    r = by_file.get(a['file'])
    lang = a.get('lang') or a['file'][:2]
    if r is None:
        log.append(f"{a['file']}: NO RESULT"); continue
    if r['status'] != 'ok': log.append(f"{a['file']}: status {r['status']} {r.get('error')}")
    facts = a['facts']; used = [False]*len(facts)
    tp = pred = 0
    for d in r['deals']:
        if grounded_only and not d.get('grounded'): continue
        if news_only and d.get('mention') == 'background': continue
        deals_n += 1
        if d.get('mention') == 'background': bg += 1
        for names, figure, alts, deal in pairs(d):
            hit = -1
            for cand in [figure] + alts:
                for k, f in enumerate(facts):
                    if not used[k] and matches(names, cand, f): hit = k; break
                if hit >= 0: break
            if figure and (hit < 0 or not facts[hit].get('optional')):
                fb[1] += 1; fb[0] += hit >= 0
            if hit < 0:
                pred += 1; log.append(f"{a['file']}: FP {'+'.join(names)} {figure!r} {deal.get('status')}/{deal.get('confirmation')}/{deal.get('mention')} grounded={deal.get('grounded')}")
            elif facts[hit].get('optional'):
                used[hit] = True
            else:
                used[hit] = True; tp += 1; pred += 1
                f = facts[hit]
                if f.get('stage'):
                    stage_n += 1; stage_ok += deal.get('status') == f['stage']
                    if deal.get('status') != f['stage']: log.append(f"{a['file']}: stage {deal.get('status')} want {f['stage']} ({'+'.join(names)} {figure})")
                if f.get('confirmation'):
                    conf_n += 1; conf_ok += deal.get('confirmation') == f['confirmation']
                    if deal.get('confirmation') != f['confirmation']: log.append(f"{a['file']}: confirmation {deal.get('confirmation')} want {f['confirmation']} ({'+'.join(names)} {figure})")
    ex = 0
    for k, f in enumerate(facts):
        if f.get('optional'): continue
        ex += 1
        if not used[k]: log.append(f"{a['file']}: MISS {'+'.join(f['parties'])} {f['figure']!r}")
    for key in (lang, 'all'):
        t = tot.setdefault(key, [0, 0, 0]); t[0] += tp; t[1] += pred; t[2] += ex
for l in log: print('  ' + l)
for key in ('it', 'es', 'en', 'all'):
    if key in tot:
        tp, pred, ex = tot[key]
        p = tp/pred if pred else 1; r = tp/ex if ex else 1
        print(f"{key}: precision {p:.3f} ({tp}/{pred}), recall {r:.3f} ({tp}/{ex})")
print(f"figure-bearing precision {fb[0]/max(fb[1],1):.3f} ({fb[0]}/{fb[1]})")
print(f"stage right on {stage_ok}/{stage_n} matched = {stage_ok/max(stage_n,1):.3f}; confirmation right on {conf_ok}/{conf_n} = {conf_ok/max(conf_n,1):.3f}; background deals {bg} of {deals_n}")
