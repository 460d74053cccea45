package main

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// findChromium returns a Chromium or Chrome executable: $DEALWATCH_CHROME,
// else the first of the usual names on PATH; "" when there is none.
func findChromium() string {
	if p := os.Getenv("DEALWATCH_CHROME"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestDeskInBrowser drives the desk in headless Chromium: the queue
// shows the conflict, a click resolves it, the queue shrinks and the
// store holds the decision; a deal page shows its highlighted figures
// (a screenshot is saved for people to look at: $DEALWATCH_SCREENSHOT, or
// desk-deal.png in the test's temp folder).
func TestDeskInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	exe := findChromium()
	if exe == "" {
		t.Skip("no Chromium on this machine (install the Debian package chromium, or set DEALWATCH_CHROME): browser test skipped")
	}
	f := newDeskFixture(t)
	ts, _ := deskServer(t, f.path, 2*time.Second)

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1000),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 60*time.Second)
	defer cancelT()
	if err := chromedp.Do(ctx); err != nil {
		t.Skipf("Chromium %s does not start here (%v): browser test skipped", exe, err)
	}
	evalInt := func(js string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return n
	}

	// A deal page: its figures highlighted, visibly.
	dealURL := ts.URL + "/deal?id=" + url.QueryEscape(f.deal)
	if err := chromedp.Do(ctx, chromedp.Navigate(dealURL), chromedp.WaitVisible(chromedp.CSS("#conflicts"))); err != nil {
		t.Fatal(err)
	}
	marks := evalInt(`document.querySelectorAll("mark.fig").length`)
	visible := evalInt(`Array.from(document.querySelectorAll("mark.fig")).filter(function (e) {
		var c = getComputedStyle(e).backgroundColor, r = e.getBoundingClientRect();
		return c && c !== "rgba(0, 0, 0, 0)" && c !== "transparent" && r.width > 0 && r.height > 0;
	}).length`)
	if marks < 4 || visible != marks {
		t.Errorf("deal page: %d highlighted figures, %d of them visible with a background; want at least 4, all visible", marks, visible)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	out := os.Getenv("DEALWATCH_SCREENSHOT")
	if out == "" {
		out = filepath.Join(t.TempDir(), "desk-deal.png")
	}
	if err := os.WriteFile(out, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("deal page screenshot: %s (%d bytes)", out, len(shot))

	if !deskDecides {
		return
	}
	// The queue: one item; "?" shows the keys; a click on "$48B"
	// resolves the conflict and the queue is empty.
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#items .item"))); err != nil {
		t.Fatal(err)
	}
	before := evalInt(`document.querySelectorAll("#items .item").length`)
	if err := chromedp.Do(ctx, chromedp.KeyEvent("?")); err != nil {
		t.Fatal(err)
	}
	if evalInt(`document.getElementById("help").hidden ? 0 : 1`) != 1 {
		t.Error("? did not show the keys")
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\x1b"),
		chromedp.Click(chromedp.Search(`//button[contains(., "Resolve: $48B")]`)),
		chromedp.WaitVisible(chromedp.CSS(".notice.done"))); err != nil {
		t.Fatal(err)
	}
	notice, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".notice.done")))
	if err != nil {
		t.Fatal(err)
	}
	after := evalInt(`document.querySelectorAll("#items .item").length`)
	if before != 1 || after != 0 {
		t.Errorf("queue: %d items before the click, %d after; want 1 then 0", before, after)
	}
	if !strings.Contains(notice, "resolve") || !strings.Contains(notice, "$48B") {
		t.Errorf("notice after the click: %q", notice)
	}
	assertDecision(t, f.path, f.deal, "resolve", "48000000000")
}
