package store

import "github.com/lib/pq"

func pqStrings(s []string) any { return pq.StringArray(s) }
