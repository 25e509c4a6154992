package main

import (
	"fmt"
	"os"
)

// Artifact is the builder's result: the file it wrote.
type Artifact struct {
	files  []string
	id     string
	answer int
}

func (a *Artifact) BuilderId() string { return "kiln.test.kilntest" }
func (a *Artifact) Files() []string   { return a.files }
func (a *Artifact) Id() string        { return a.id }
func (a *Artifact) String() string    { return fmt.Sprintf("kilntest wrote %v", a.files) }
func (a *Artifact) State(name string) interface{} {
	if name == "answer" {
		return a.answer
	}
	return nil
}
func (a *Artifact) Destroy() error {
	for _, f := range a.files {
		if err := os.Remove(f); err != nil {
			return err
		}
	}
	return nil
}
