import 'reflect-metadata';
import { runServiceMain } from '@jobbspar/messaging';
import { createFollowUpApp } from './bootstrap';
import { readFollowUpConfig, SERVICE_NAME } from './config/env';

/** Distributed mode: this service alone, against Kafka and PostgreSQL given by the environment. */
runServiceMain(SERVICE_NAME, (env) => readFollowUpConfig(env), createFollowUpApp);
