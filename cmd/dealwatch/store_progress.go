package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/store"
)

// progress follows a run per article, not per stored batch: an article
// counts as done when its result is known (extracted, failed, or skipped
// as unchanged), before the batch holding it is stored. Its methods are
// safe for concurrent use.
type progress interface {
	Start(run uint64, total int, notes []string)
	// More adds delta to the total (web sources are counted as they are
	// read: a feed is many articles) and shows notes.
	More(delta int, notes []string)
	// Extracting adds delta to the articles being extracted (an LLM
	// call in flight): +1 when one starts, -1 when it ends.
	Extracting(delta int)
	// Extracted counts one article done.
	Extracted()
	// Done reports a record as stored; failures are shown.
	Done(o store.Outcome, r store.Record)
	Finish()
}

type noProgress struct{}

func (noProgress) Start(uint64, int, []string)      {}
func (noProgress) More(int, []string)               {}
func (noProgress) Extracting(int)                   {}
func (noProgress) Extracted()                       {}
func (noProgress) Done(store.Outcome, store.Record) {}
func (noProgress) Finish()                          {}

// Progress defaults: the bar is redrawn every barEvery; the log gets a
// line every logArticles articles or every logEvery, whichever first.
const (
	barEvery    = 200 * time.Millisecond
	logEvery    = 10 * time.Second
	logArticles = 100
)

// newProgress picks the bar on a terminal and slog lines otherwise.
func newProgress(env *Env) progress {
	if env.IsTerminal {
		width := fileWidth(env.Stderr) // the bar is on standard error
		if width == 0 {
			width = termWidth(env)
		}
		return &runProgress{w: env.Stderr, bar: true, tick: barEvery, width: width}
	}
	return &runProgress{w: env.Stderr, log: slog.New(slog.NewTextHandler(env.Stderr, nil)),
		tick: time.Second, every: logEvery, articles: logArticles}
}

// runProgress is the progress of a run: a bar redrawn by a ticker on a
// terminal, or slog lines for cron and logs.
type runProgress struct {
	w     io.Writer
	bar   bool         // draw a bar on w, else log
	log   *slog.Logger // when !bar
	tick  time.Duration
	width int // terminal columns (bar)
	// log: a line every `every` or every `articles` articles.
	every    time.Duration
	articles int

	mu                    sync.Mutex
	run                   uint64
	total, done, inFlight int
	start                 time.Time
	lastLog               time.Time
	lastLogDone           int
	drawn                 bool // a bar line is on screen
	stop                  chan struct{}
	wg                    sync.WaitGroup
}

func (p *runProgress) now() time.Time { return time.Now() }

func (p *runProgress) Start(run uint64, total int, notes []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.run, p.total, p.start, p.lastLog = run, total, p.now(), p.now()
	for _, n := range notes {
		if p.bar {
			io.WriteString(p.w, "dealwatch: "+n+"\n")
		} else {
			p.log.Info("note", "run", run, "msg", n)
		}
	}
	if !p.bar {
		p.log.Info("run started", "run", run, "sources", total)
	} else {
		p.draw()
	}
	p.stop = make(chan struct{})
	p.wg.Add(1)
	go p.ticker(p.stop)
}

// More adds delta to the total and shows notes, as Start does.
func (p *runProgress) More(delta int, notes []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.total += delta
	for _, n := range notes {
		if p.bar {
			p.clear()
			io.WriteString(p.w, "dealwatch: "+n+"\n")
		} else {
			p.log.Info("note", "run", p.run, "msg", n)
		}
	}
	if p.bar {
		p.draw()
	}
}

// ticker refreshes the bar (its rate and ETA move while LLM calls are in
// flight) or writes the log line that is due after `every`.
func (p *runProgress) ticker(stop chan struct{}) {
	defer p.wg.Done()
	t := time.NewTicker(p.tick)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			p.mu.Lock()
			if p.bar {
				p.draw()
			} else if p.now().Sub(p.lastLog) >= p.every {
				p.logLine()
			}
			p.mu.Unlock()
		}
	}
}

func (p *runProgress) Extracting(delta int) {
	p.mu.Lock()
	p.inFlight += delta
	p.mu.Unlock()
}

func (p *runProgress) Extracted() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	if !p.bar && p.articles > 0 && p.done-p.lastLogDone >= p.articles {
		p.logLine()
	}
}

func (p *runProgress) Done(o store.Outcome, r store.Record) {
	var msg string
	switch {
	case o == store.OutcomeFeed && r.Err != "":
		msg = "feed " + r.Key + ": " + r.Err
	case o == store.OutcomeFailed && r.Result != nil:
		msg = r.Result.Article.Source + ": " + strVal(r.Result.Error)
	default:
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.bar {
		if o == store.OutcomeFeed {
			p.log.Warn("feed failed", "run", p.run, "feed", r.Key, "error", r.Err)
		} else {
			p.log.Warn("article failed", "run", p.run, "source", r.Result.Article.Source, "error", strVal(r.Result.Error))
		}
		return
	}
	p.clear()
	io.WriteString(p.w, "dealwatch: failed: "+msg+"\n")
	p.draw()
}

func (p *runProgress) Finish() {
	if p.stop != nil {
		close(p.stop)
		p.wg.Wait()
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar {
		p.clear()
		return
	}
	p.log.Info("run finished", "run", p.run, "done", p.done, "total", p.total, "elapsed", p.now().Sub(p.start).Round(time.Millisecond).String())
}

// logLine writes a progress line; p.mu is held.
func (p *runProgress) logLine() {
	elapsed := p.now().Sub(p.start)
	args := []any{"run", p.run, "done", p.done, "total", p.total, "in_flight", p.inFlight,
		"articles_per_s", rateValue(p.done, elapsed)}
	if eta, ok := estimate(p.done, p.total, elapsed); ok {
		args = append(args, "eta", eta.String())
	}
	p.log.Info("progress", args...)
	p.lastLog, p.lastLogDone = p.now(), p.done
}

// draw redraws the bar line; p.mu is held.
func (p *runProgress) draw() {
	io.WriteString(p.w, "\r"+p.barLine()+"\x1b[K")
	p.drawn = true
}

// clear erases the bar line; p.mu is held.
func (p *runProgress) clear() {
	if p.drawn {
		io.WriteString(p.w, "\r\x1b[K")
		p.drawn = false
	}
}

// barLine is "run 3 [######··········] 12/40 articles · 2.1/s · ETA 13s ·
// 4 in flight", cut to the terminal's width.
func (p *runProgress) barLine() string {
	elapsed := p.now().Sub(p.start)
	const cells = 20
	filled := 0
	if p.total > 0 {
		filled = min(cells, p.done*cells/p.total)
	}
	parts := []string{fmt.Sprintf("run %d [%s%s] %d/%d articles", p.run,
		strings.Repeat("#", filled), strings.Repeat("·", cells-filled), p.done, p.total)}
	if p.done > 0 {
		parts = append(parts, strings.Replace(formatRate(p.done, elapsed), " articles", "", 1))
	}
	if eta, ok := estimate(p.done, p.total, elapsed); ok {
		parts = append(parts, "ETA "+formatETA(eta))
	}
	if p.inFlight > 0 {
		parts = append(parts, fmt.Sprintf("%d in flight", p.inFlight))
	}
	return truncate(strings.Join(parts, " · "), p.width-1)
}

// estimate is the time left at the rate so far; false before the first
// article is done.
func estimate(done, total int, elapsed time.Duration) (time.Duration, bool) {
	if done <= 0 || done >= total || elapsed <= 0 {
		return 0, false
	}
	left := time.Duration(float64(elapsed) / float64(done) * float64(total-done))
	if left >= time.Minute {
		return left.Round(time.Second), true
	}
	return left.Round(100 * time.Millisecond), true
}

// formatETA is "<1s", "13s", "4m10s".
func formatETA(d time.Duration) string {
	if d < time.Second {
		return "<1s"
	}
	return d.Round(time.Second).String()
}

// rateValue is n per second over elapsed, with two decimals.
func rateValue(n int, elapsed time.Duration) float64 {
	if elapsed <= 0 {
		return 0
	}
	r := float64(n) / elapsed.Seconds()
	return float64(int(r*100+0.5)) / 100
}

// formatRate is "38 articles/s", "2.4 articles/s", "0.42 articles/s":
// enough digits that a slow run never says 0.
func formatRate(n int, elapsed time.Duration) string {
	if elapsed <= 0 || n == 0 {
		return "0 articles/s"
	}
	r := float64(n) / elapsed.Seconds()
	switch {
	case r >= 10:
		return fmt.Sprintf("%.0f articles/s", r)
	case r >= 1:
		return fmt.Sprintf("%.1f articles/s", r)
	case r >= 0.01:
		return fmt.Sprintf("%.2f articles/s", r)
	default:
		return fmt.Sprintf("%.1f articles/min", r*60)
	}
}

// countingExtractor tells the progress when an extraction (an LLM call
// with its retries) starts and ends, for the bar's "in flight".
type countingExtractor struct {
	extract.Extractor
	prog progress
}

func (c countingExtractor) Extract(ctx context.Context, a extract.Article) (extract.Extraction, error) {
	c.prog.Extracting(1)
	defer c.prog.Extracting(-1)
	return c.Extractor.Extract(ctx, a)
}
