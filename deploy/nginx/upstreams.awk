# Expands the upstream servers of deploy/nginx/nginx.conf.template: a "server @API@" line becomes one line per
# backend replica, a "server @FRONTEND@" line one per frontend, each with the address in its place. Shared by
# ./run.sh (deploy/lib/supervisor.sh) and the container gateway (deploy/compose/gateway/gateway-run.sh), so that
# both render the one template alike.
#   awk -v apis="host:port host:port ..." -v frontends="host:port ..." -f upstreams.awk nginx.conf
# An address may carry nginx server parameters after it, joined by "|" (e.g. "127.0.0.1:9|down").
function expand(marker, list,    n, i, items, line, address) {
    n = split(list, items, " ")
    for (i = 1; i <= n; i++) {
        address = items[i]
        gsub(/\|/, " ", address)
        line = $0
        sub(marker, address, line)
        print line
    }
}
/^[ \t]*server[ \t]+@API@/ { expand("@API@", apis); next }
/^[ \t]*server[ \t]+@FRONTEND@/ { expand("@FRONTEND@", frontends); next }
{ print }
