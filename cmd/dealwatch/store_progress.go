package main

import (
	"io"
	"log/slog"
	"strconv"
	"time"

	"github.com/dealwatch/dealwatch/store"
	"github.com/schollz/progressbar/v3"
)

// progress follows a run: a bar on a terminal, log lines otherwise.
// Its methods are called from one goroutine.
type progress interface {
	Start(run uint64, total int, notes []string)
	Done(o store.Outcome, r store.Record)
	Finish()
}

type noProgress struct{}

func (noProgress) Start(uint64, int, []string)      {}
func (noProgress) Done(store.Outcome, store.Record) {}
func (noProgress) Finish()                          {}

// newProgress picks the bar on a terminal and slog lines otherwise.
func newProgress(env *Env) progress {
	if env.IsTerminal {
		return &barProgress{w: env.Stderr}
	}
	return &logProgress{log: slog.New(slog.NewTextHandler(env.Stderr, nil)), every: 10 * time.Second}
}

// barProgress draws a progressbar on the terminal; failures are printed
// above it.
type barProgress struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

func (p *barProgress) Start(run uint64, total int, notes []string) {
	for _, n := range notes {
		io.WriteString(p.w, "dealwatch: "+n+"\n")
	}
	p.bar = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription("run "+strconv.FormatUint(run, 10)),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("articles"),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionClearOnFinish(),
	)
}

func (p *barProgress) Done(o store.Outcome, r store.Record) {
	if o == store.OutcomeFeed { // not an article: not on the bar
		if r.Err != "" {
			p.bar.Clear()
			io.WriteString(p.w, "dealwatch: failed: feed "+r.Key+": "+r.Err+"\n")
		}
		return
	}
	if o == store.OutcomeFailed && r.Result != nil {
		p.bar.Clear()
		io.WriteString(p.w, "dealwatch: failed: "+r.Result.Article.Source+": "+strVal(r.Result.Error)+"\n")
	}
	p.bar.Add(1)
}

func (p *barProgress) Finish() { p.bar.Finish() }

// logProgress writes slog lines: the start, every failure, progress
// every so often, and the end.
type logProgress struct {
	log         *slog.Logger
	every       time.Duration
	run         uint64
	total, done int
	start, last time.Time
}

func (p *logProgress) Start(run uint64, total int, notes []string) {
	p.run, p.total, p.start, p.last = run, total, time.Now(), time.Now()
	for _, n := range notes {
		p.log.Info("note", "run", run, "msg", n)
	}
	p.log.Info("run started", "run", run, "sources", total)
}

func (p *logProgress) Done(o store.Outcome, r store.Record) {
	if o == store.OutcomeFeed { // not an article: not in the count
		if r.Err != "" {
			p.log.Warn("feed failed", "run", p.run, "feed", r.Key, "error", r.Err)
		}
		return
	}
	p.done++
	if o == store.OutcomeFailed && r.Result != nil {
		p.log.Warn("article failed", "run", p.run, "source", r.Result.Article.Source, "error", strVal(r.Result.Error))
	}
	if now := time.Now(); now.Sub(p.last) >= p.every {
		p.last = now
		rate := float64(p.done) / now.Sub(p.start).Seconds()
		p.log.Info("progress", "run", p.run, "done", p.done, "total", p.total, "articles_per_s", int(rate))
	}
}

func (p *logProgress) Finish() {
	p.log.Info("run finished", "run", p.run, "done", p.done, "total", p.total, "elapsed", time.Since(p.start).Round(time.Millisecond).String())
}
