import 'reflect-metadata';
import { runServiceMain } from '@jobbspar/messaging';
import { createMatchingApp } from './bootstrap';
import { readMatchingConfig, SERVICE_NAME } from './config/env';

/** Distributed mode: this service alone, against Kafka and PostgreSQL given by the environment. */
runServiceMain(SERVICE_NAME, (env) => readMatchingConfig(env), createMatchingApp);
