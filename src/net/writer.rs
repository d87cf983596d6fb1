//! The one writer: a thread that owns the meeting file. The host's request handlers
//! and the chair's window send it submissions and get back, for each, whether it was
//! committed; nothing else ever writes the file.
//!
//! Submissions that arrive while a commit is under way are committed together in
//! the next transaction (each still its own row in the chain), so a burst from many
//! laptops waits for one disk flush, not one each.

use crate::store::{MeetingFile, Outcome, StoreError, Submission};
use crate::text::{Lang, net::N};
use std::sync::Arc;
use std::sync::mpsc;
use tokio::sync::oneshot;

/// The most submissions one transaction takes; more wait for the next.
const MAX_BATCH: usize = 1024;

type ReadJob = Box<dyn FnOnce(&MeetingFile) + Send>;
type Answer<T> = oneshot::Receiver<Result<T, Arc<StoreError>>>;

enum Job {
    Submit {
        items: Vec<Submission>,
        reply: oneshot::Sender<Result<Vec<Outcome>, Arc<StoreError>>>,
    },
    Read(ReadJob),
    /// Several events from the chair, committed together or not at all (a sheet
    /// imported from a file).
    AppendAll {
        by: crate::model::event::Actor,
        events: Vec<crate::model::event::Event>,
        reply: oneshot::Sender<Result<u64, Arc<StoreError>>>,
    },
    /// The host's own state (join codes), kept in the meeting file outside the chain.
    HostState {
        key: String,
        value: String,
        reply: oneshot::Sender<Result<(), Arc<StoreError>>>,
    },
}

#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", self.text(Lang::En))]
pub enum WriterError {
    /// The transaction failed: nothing of it was committed.
    Store(Arc<StoreError>),
    /// The writer has stopped (the meeting was closed).
    Stopped,
}

impl WriterError {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            WriterError::Store(e) => e.text(lang),
            WriterError::Stopped => N::WriterStopped.get(lang).into(),
        }
    }
}

/// Sends work to the writer; cheap to clone, one per handler.
#[derive(Clone)]
pub struct WriterHandle {
    jobs: mpsc::Sender<Job>,
}

/// Starts the writer thread with `file`. `on_commit(last_seq)` runs after every
/// transaction that committed something (wake the window, notify delegates). The
/// thread ends, giving the file back, when every handle is dropped.
pub fn start(
    file: MeetingFile,
    on_commit: impl Fn(u64) + Send + 'static,
) -> (WriterHandle, std::thread::JoinHandle<MeetingFile>) {
    let (jobs, inbox) = mpsc::channel::<Job>();
    let thread = std::thread::Builder::new()
        .name("thidua-writer".into())
        .spawn(move || run(file, inbox, on_commit))
        .unwrap_or_else(|e| panic!("cannot start the meeting file's writer thread: {e}"));
    (WriterHandle { jobs }, thread)
}

fn run(mut file: MeetingFile, inbox: mpsc::Receiver<Job>, on_commit: impl Fn(u64)) -> MeetingFile {
    let mut waiting: Option<Job> = None;
    loop {
        let first = match waiting.take() {
            Some(job) => job,
            None => match inbox.recv() {
                Ok(job) => job,
                Err(_) => return file,
            },
        };
        let (items, replies) = match first {
            Job::Read(read) => {
                read(&file);
                continue;
            }
            Job::AppendAll { by, events, reply } => {
                let before = file.last_seq();
                let _ = reply.send(
                    file.append_all(by, events, &crate::clock::now())
                        .map_err(Arc::new),
                );
                if file.last_seq() != before {
                    on_commit(file.last_seq());
                }
                continue;
            }
            Job::HostState { key, value, reply } => {
                let _ = reply.send(file.set_host_state(&key, &value).map_err(Arc::new));
                continue;
            }
            Job::Submit { items, reply } => {
                let mut replies = vec![(items.len(), reply)];
                let mut all = items;
                // Take what else has arrived, up to a read (which must see this
                // batch committed first) or the batch limit.
                while all.len() < MAX_BATCH {
                    match inbox.try_recv() {
                        Ok(Job::Submit { items, reply }) => {
                            replies.push((items.len(), reply));
                            all.extend(items);
                        }
                        Ok(other) => {
                            waiting = Some(other);
                            break;
                        }
                        Err(_) => break,
                    }
                }
                (all, replies)
            }
        };
        let before = file.last_seq();
        match file.append_batch(items, &crate::clock::now()) {
            Ok(outcomes) => {
                let mut outcomes = outcomes.into_iter();
                for (count, reply) in replies {
                    let _ = reply.send(Ok(outcomes.by_ref().take(count).collect()));
                }
            }
            Err(error) => {
                let error = Arc::new(error);
                for (_, reply) in replies {
                    let _ = reply.send(Err(error.clone()));
                }
            }
        }
        if file.last_seq() != before {
            on_commit(file.last_seq());
        }
    }
}

impl WriterHandle {
    fn send_submit(&self, items: Vec<Submission>) -> Result<Answer<Vec<Outcome>>, WriterError> {
        let (reply, answer) = oneshot::channel();
        self.jobs
            .send(Job::Submit { items, reply })
            .map_err(|_| WriterError::Stopped)?;
        Ok(answer)
    }

    /// Commits `items` (with whatever else is waiting) and answers for each.
    pub async fn submit(&self, items: Vec<Submission>) -> Result<Vec<Outcome>, WriterError> {
        let answer = self.send_submit(items)?;
        answer
            .await
            .map_err(|_| WriterError::Stopped)?
            .map_err(WriterError::Store)
    }

    /// The same, for a thread that may block (the window, the command line).
    pub fn submit_blocking(&self, items: Vec<Submission>) -> Result<Vec<Outcome>, WriterError> {
        let answer = self.send_submit(items)?;
        answer
            .blocking_recv()
            .map_err(|_| WriterError::Stopped)?
            .map_err(WriterError::Store)
    }

    fn send_read<T: Send + 'static>(
        &self,
        read: impl FnOnce(&MeetingFile) -> T + Send + 'static,
    ) -> Result<oneshot::Receiver<T>, WriterError> {
        let (reply, answer) = oneshot::channel();
        let job: ReadJob = Box::new(move |file| {
            let _ = reply.send(read(file));
        });
        self.jobs
            .send(Job::Read(job))
            .map_err(|_| WriterError::Stopped)?;
        Ok(answer)
    }

    /// Reads the meeting as committed so far (on the writer's thread, between
    /// transactions).
    pub async fn read<T: Send + 'static>(
        &self,
        read: impl FnOnce(&MeetingFile) -> T + Send + 'static,
    ) -> Result<T, WriterError> {
        self.send_read(read)?
            .await
            .map_err(|_| WriterError::Stopped)
    }

    pub fn read_blocking<T: Send + 'static>(
        &self,
        read: impl FnOnce(&MeetingFile) -> T + Send + 'static,
    ) -> Result<T, WriterError> {
        self.send_read(read)?
            .blocking_recv()
            .map_err(|_| WriterError::Stopped)
    }

    fn send_host_state(&self, key: &str, value: String) -> Result<Answer<()>, WriterError> {
        let (reply, answer) = oneshot::channel();
        self.jobs
            .send(Job::HostState {
                key: key.into(),
                value,
                reply,
            })
            .map_err(|_| WriterError::Stopped)?;
        Ok(answer)
    }

    /// Keeps `value` under `key` in the meeting file's host state.
    pub async fn set_host_state(&self, key: &str, value: String) -> Result<(), WriterError> {
        self.send_host_state(key, value)?
            .await
            .map_err(|_| WriterError::Stopped)?
            .map_err(WriterError::Store)
    }

    pub fn set_host_state_blocking(&self, key: &str, value: String) -> Result<(), WriterError> {
        self.send_host_state(key, value)?
            .blocking_recv()
            .map_err(|_| WriterError::Stopped)?
            .map_err(WriterError::Store)
    }

    /// Commits `events` together, all or none (see [`MeetingFile::append_all`]).
    pub fn append_all_blocking(
        &self,
        by: crate::model::event::Actor,
        events: Vec<crate::model::event::Event>,
    ) -> Result<u64, WriterError> {
        let (reply, answer) = oneshot::channel();
        self.jobs
            .send(Job::AppendAll { by, events, reply })
            .map_err(|_| WriterError::Stopped)?;
        answer
            .blocking_recv()
            .map_err(|_| WriterError::Stopped)?
            .map_err(WriterError::Store)
    }
}
