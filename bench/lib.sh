# Shared by the benchmark scripts: the JDK, the application jar, and the database the application
# runs on — the embedded H2 file (default) or, with DB=postgres, the local PostgreSQL 15 (as root:
# makes a role and database tamizdat_bench). Defines JAVA, jar (the packaged one), app (the extracted
# jar that runs), DB_ARGS and sql "<statement>".
# Needs WORK (a scratch directory) set by the caller.

if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

jar=$(ls target/tamizdat-*.jar 2>/dev/null | grep -v plain | head -n1 || true)
if [ -z "$jar" ]; then
  ./mvnw -q -B -DskipTests package
  jar=$(ls target/tamizdat-*.jar | grep -v plain | head -n1)
fi
# run as production does, from the extracted layout (README, "Running on PostgreSQL"): the packaged
# jar run as it is serves on platform threads, which would measure something else
"$JAVA" -Djarmode=tools -jar "$jar" extract --destination "$WORK/app" > /dev/null
app="$WORK/app/$(basename "$jar")"

if [ "${DB:-h2}" = postgres ]; then
  su postgres -c "psql -v ON_ERROR_STOP=1 -q -d postgres" <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tamizdat_bench') THEN
    CREATE ROLE tamizdat_bench LOGIN PASSWORD 'tamizdat_bench';
  END IF;
END \$\$;
DROP DATABASE IF EXISTS tamizdat_bench;
CREATE DATABASE tamizdat_bench OWNER tamizdat_bench;
SQL
  DB_URL="jdbc:postgresql://127.0.0.1:5432/tamizdat_bench"
  DB_ARGS=(--spring.profiles.active=postgres --spring.datasource.url="$DB_URL"
           --spring.datasource.username=tamizdat_bench --spring.datasource.password=tamizdat_bench)
  sql() { PGPASSWORD=tamizdat_bench psql -h 127.0.0.1 -U tamizdat_bench -d tamizdat_bench -v ON_ERROR_STOP=1 -qtA -c "$1"; }
  RANGE_OF() { echo "generate_series(1, $1) AS x"; }
else
  # the H2 jar inside the application, for reading and writing its database from outside
  (cd "$WORK" && unzip -q -o "$OLDPWD/$jar" 'BOOT-INF/lib/h2-*.jar')
  H2=$(ls "$WORK"/BOOT-INF/lib/h2-*.jar)
  # the application's own database settings, and AUTO_SERVER so that the script can open it too
  DB_URL="jdbc:h2:file:$WORK/data/db/tamizdat;MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;AUTO_SERVER=TRUE"
  DB_ARGS=(--spring.datasource.url="$DB_URL")
  # rows of H2's shell output without its header and its "(… rows, … ms)" line, columns joined by |
  sql() {
    "$JAVA" -cp "$H2" org.h2.tools.Shell -url "$DB_URL" -user tamizdat -password "" -sql "$1" \
      | sed -E '1d; /^\(/d; s/ *\| */|/g; s/^ +//; s/ +$//'
  }
  RANGE_OF() { echo "SYSTEM_RANGE(1, $1)"; }
fi

# waits until the application on port $1 says it is UP
wait_up() {
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$1/actuator/health" | grep -q UP && return 0
    sleep 1
  done
  echo "the application did not come up" >&2
  return 1
}
