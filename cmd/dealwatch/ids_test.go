package main

import (
	"errors"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/store"
)

func TestFindDealID(t *testing.T) {
	ids := []string{"amazon+openai/compute_contract", "amazon+openai/investment", "nvidia+openai/chip_supply"}
	for ref, want := range map[string]string{
		"amazon+openai/compute_contract": "amazon+openai/compute_contract",
		"AMAZON+OpenAI/Compute":          "amazon+openai/compute_contract",
		"nvidia":                         "nvidia+openai/chip_supply",
		" amazon+openai/inv ":            "amazon+openai/investment",
	} {
		if got, err := findDealID(ids, ref); err != nil || got != want {
			t.Errorf("findDealID(%q) = %q, %v; want %q", ref, got, err, want)
		}
	}
	if _, err := findDealID(ids, "Amazon+OpenAI"); err == nil || !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), "names 2 deals: amazon+openai/compute_contract, amazon+openai/investment") {
		t.Errorf("ambiguous prefix: %v", err)
	}
	if _, err := findDealID(ids, "oracle+openai"); !errors.Is(err, store.ErrNotFound) || !strings.Contains(err.Error(), "did you mean") {
		t.Errorf("unknown deal: %v", err)
	}
}

func TestLooksLikeID(t *testing.T) {
	for ref, want := range map[string]string{
		"sha256:0bef4da26b80effb": "sha256:0bef4da26b80effb",
		"0BEF4DA2":                "sha256:0bef4da2",
		"sha256:":                 "sha256:",
		"sha256:0b":               "sha256:0b",
		"0bef":                    "sha256:0bef",
	} {
		if got, ok := looksLikeID(ref); !ok || got != want {
			t.Errorf("looksLikeID(%q) = %q, %v; want %q", ref, got, ok, want)
		}
	}
	for _, ref := range []string{"abc", "amazon+openai", "a.txt", "deadbeefx"} {
		if got, ok := looksLikeID(ref); ok {
			t.Errorf("looksLikeID(%q) = %q, want no id", ref, got)
		}
	}
}
