import 'reflect-metadata';
import { runServiceMain } from '@jobbspar/messaging';
import { createCandidateApp } from './bootstrap';
import { readCandidateConfig, SERVICE_NAME } from './config/env';

/** Distributed mode: this service alone, against Kafka and PostgreSQL given by the environment. */
runServiceMain(SERVICE_NAME, (env) => readCandidateConfig(env), createCandidateApp);
