// Command terbuka is the whole application: web server, migrations and operator tools.
package main

import (
	"os"

	"github.com/terbuka-id/terbuka/internal/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
}
