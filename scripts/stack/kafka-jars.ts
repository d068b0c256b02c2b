// Kafka's jars from Maven Central, resolved once into .stack/kafka/lib with a project-local Maven cache.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChecked } from './processes.ts';
import { mavenRepo, stackDir } from './settings.ts';

export const kafkaDir = join(stackDir, 'kafka');
export const libDir = join(kafkaDir, 'lib');
const pomFile = join(kafkaDir, 'pom.xml');
// Holds the pom the jars were resolved from: a missing or different one means lib/ is incomplete or stale.
const resolvedPomFile = join(libDir, '.resolved-pom.xml');

const kafkaVersion = '4.4.0';
const log4jVersion = '2.25.5';

const dependency = (groupId: string, artifactId: string, version: string, exclusions = '') =>
  `    <dependency><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId><version>${version}</version>${exclusions}</dependency>`;

// connect-runtime would drag in Jetty and Jersey, which a broker does not need.
const pom = `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>lifestream.stack</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
${dependency('org.apache.kafka', 'kafka_2.13', kafkaVersion)}
${dependency('org.apache.kafka', 'kafka-tools', kafkaVersion, '<exclusions><exclusion><groupId>org.apache.kafka</groupId><artifactId>connect-runtime</artifactId></exclusion></exclusions>')}
${dependency('org.slf4j', 'slf4j-api', '2.0.17')}
${dependency('org.apache.logging.log4j', 'log4j-slf4j2-impl', log4jVersion)}
${dependency('org.apache.logging.log4j', 'log4j-core', log4jVersion)}
  </dependencies>
  <build>
    <pluginManagement>
      <plugins>
        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId><version>3.8.1</version></plugin>
      </plugins>
    </pluginManagement>
  </build>
</project>
`;

/** Resolves the jars unless lib/ already holds those of this exact pom. */
export async function ensureKafkaJars(): Promise<void> {
  if (existsSync(resolvedPomFile) && readFileSync(resolvedPomFile, 'utf8') === pom) return;
  mkdirSync(kafkaDir, { recursive: true });
  writeFileSync(pomFile, pom);
  rmSync(libDir, { recursive: true, force: true });
  await runChecked('mvn', [
    '-B', '-q',
    '-f', pomFile,
    `-Dmaven.repo.local=${mavenRepo}`,
    'dependency:copy-dependencies',
    '-DincludeScope=runtime',
    `-DoutputDirectory=${libDir}`,
  ]);
  writeFileSync(resolvedPomFile, pom);
}
