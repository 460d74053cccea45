#!/usr/bin/env python3
"""Put each answer (ANS/<file>.request.json -> <file>.answer.json) into the
captured cassette skeleton. Usage: fill_cassettes.py CAPDIR ANSDIR OUTDIR"""
import json, sys, os, shutil
cap, ans, out = sys.argv[1:4]
os.makedirs(out, exist_ok=True)
idx = json.load(open(os.path.join(cap, 'index.json')))
n = 0
for e in idx:
    a = os.path.join(ans, e['file'] + '.answer.json')
    c = json.load(open(os.path.join(cap, e['cassette'])))
    if not os.path.exists(a):
        print('no answer for', e['file']); continue
    c['responses'] = [{"answer": json.load(open(a)), "finish_reason": "stop", "prompt_tokens": 0, "completion_tokens": 0}]
    c['note'] = 'Blind measurement: answered by a helper acting as the model'
    json.dump(c, open(os.path.join(out, os.path.basename(e['cassette'])), 'w'), indent=1, ensure_ascii=False)
    n += 1
print(n, 'cassettes')
