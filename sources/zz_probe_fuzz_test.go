package sources
import ("testing";"time")
func FuzzProbeHang(f *testing.F) {
	for _, name := range []string{"a.html", "b.html", "latin1.html"} {
		b, _ := readTestdataFile(name)
		f.Add(b, "")
	}
	f.Add([]byte("<p>caf\xe9</p>"), "text/html; charset=latin1")
	f.Fuzz(func(t *testing.T, b []byte, contentType string) {
		done := make(chan struct{})
		go func() { ParseHTML(b, contentType, nil); close(done) }()
		select {
		case <-done:
		case <-time.After(3 * time.Second):
			t.Fatalf("slow input: len %d ct %q", len(b), contentType)
		}
	})
}
