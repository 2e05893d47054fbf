// The dhad command-line tool: parses options, streams each input in blocks of
// whole lines through a Command on -j threads, writes results in input order,
// and turns errors into one line on stderr and an exit status.
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>

#include "cli/commands.h"
#include "cli/io.h"
#include "cli/options.h"
#include "dhad/utf8.h"
#include "dhad/version.h"

namespace dhad::cli {
namespace {

int fail(const Error& e) {
  std::cerr << "dhad: " << e.message() << '\n';
  return exit_status(e.code());
}

// "\r45% 12.0 MB 210 MB/s" on stderr, at most five times a second, and only
// once a run has taken a second (short runs stay quiet).
class ProgressBar {
 public:
  ProgressBar(bool enabled, std::string label) : enabled_(enabled), label_(std::move(label)) {}
  ~ProgressBar() { finish(); }

  void update(uint64_t done, uint64_t total) {
    if (!enabled_) return;
    const auto now = Clock::now();
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    if (elapsed < 1.0 || now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    shown_ = true;
    const double mb = double(done) / 1e6;
    if (total > 0) {
      std::fprintf(stderr, "\r\033[K%s %3d%% %.1f/%.1f MB %.0f MB/s", label_.c_str(),
                   int(100.0 * double(done) / double(total)), mb, double(total) / 1e6,
                   mb / elapsed);
    } else {
      std::fprintf(stderr, "\r\033[K%s %.1f MB %.0f MB/s", label_.c_str(), mb, mb / elapsed);
    }
  }
  void finish() {
    if (shown_) std::fprintf(stderr, "\r\033[K");
    shown_ = false;
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  std::string label_;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_{};
  bool shown_ = false;
};

struct Job {
  Block block;
  BlockResult result;
  bool done = false;
  // A worker's output handed over before the job is done (see OutputSink):
  // taken only once the job is the oldest, the one being written.
  bool oldest = false;
  bool chunk_ready = false;
  std::string chunk;
  std::string spare;  // a taken chunk's buffer, for the worker's next one
};

// Worker threads that process jobs; the caller keeps jobs in input order and
// writes each once it is done.
class Workers {
 public:
  Workers(const Command& command, const std::string& file, int n) : command_(command), file_(file) {
    for (int i = 0; i < n; ++i) threads_.emplace_back([this] { work(); });
  }
  ~Workers() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    work_ready_.notify_all();
    for (auto& t : threads_) t.join();
  }
  void submit(Job* job) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      queue_.push_back(job);
    }
    work_ready_.notify_one();
  }
  // Waits until `job` is done, passing what its worker hands over before
  // then to consume (if given) in order.
  template <typename Consume>
  void wait(Job* job, Consume consume) {
    std::unique_lock<std::mutex> lock(mutex_);
    job->oldest = true;
    chunk_taken_.notify_all();
    while (true) {
      job_done_.wait(lock, [job] { return job->done || job->chunk_ready; });
      if (!job->chunk_ready) return;
      std::string chunk;
      chunk.swap(job->chunk);
      job->chunk_ready = false;
      lock.unlock();
      chunk_taken_.notify_all();
      consume(chunk);
      lock.lock();
      // The buffer goes back to the worker: a fresh one per megabyte costs
      // more in page faults than the work.
      chunk.clear();
      if (job->spare.capacity() < chunk.capacity()) job->spare.swap(chunk);
    }
  }

  // OutputSink::take for a worker's job: the output waits until the writer
  // takes it, which bounds what each job holds.
  void hand_over(Job* job, std::string* out) {
    std::unique_lock<std::mutex> lock(mutex_);
    chunk_taken_.wait(lock, [job] { return job->oldest && !job->chunk_ready; });
    job->chunk.swap(*out);
    if (out->capacity() < job->spare.capacity()) out->swap(job->spare);
    out->clear();
    job->chunk_ready = true;
    lock.unlock();
    job_done_.notify_all();
  }

 private:
  void work() {
    while (true) {
      Job* job;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        work_ready_.wait(lock, [this] { return stop_ || !queue_.empty(); });
        if (queue_.empty()) return;
        job = queue_.front();
        queue_.pop_front();
      }
      struct Sink : OutputSink {
        Workers* workers;
        Job* job;
        void take(std::string* out) override { workers->hand_over(job, out); }
      } sink;
      sink.workers = this;
      sink.job = job;
      job->result.sink = &sink;
      command_.process(job->block, file_, &job->result);
      job->result.sink = nullptr;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        job->done = true;
      }
      job_done_.notify_all();
    }
  }

  const Command& command_;
  const std::string& file_;
  std::mutex mutex_;
  std::condition_variable work_ready_, job_done_, chunk_taken_;
  std::deque<Job*> queue_;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

struct Totals {
  uint64_t replaced = 0;
  uint64_t skipped = 0;
};

// UTF-16 read as UTF-8 would pass as invalid bytes and come out as U+FFFD
// garbage; a byte order mark says what it is.
Status check_not_utf16(std::string_view data, const std::string& name) {
  const bool le = data.starts_with("\xFF\xFE"), be = data.starts_with("\xFE\xFF");
  if (!le && !be) return {};
  return Error(ErrorCode::kInvalidUtf8,
               printable(name) + ": looks like UTF-16 (starts with the byte order mark " +
                   (le ? "FF FE" : "FE FF") +
                   "); dhad reads UTF-8: convert it first (iconv -f UTF-16 -t UTF-8)",
               0);
}

// Streams one input through the command. Returns an error to report, or ok;
// stops early (ok) if the output pipe closed.
Status run_file(InputFile& input, const Command& command, const Options& options, Output& out,
                Totals* totals, ProgressBar& progress) {
  uint64_t done_bytes = 0;
  auto write = [&](Job& job) -> Status {
    if (job.result.in_order && job.result.status.ok()) {
      // On this thread, output can go straight out as it grows.
      struct Direct : OutputSink {
        Output* out;
        void take(std::string* bytes) override {
          out->write(*bytes);
          bytes->clear();
        }
      } direct;
      direct.out = &out;
      job.result.sink = &direct;
      command.process_in_order(job.block, input.name(), &job.result);
      job.result.sink = nullptr;
    }
    out.write(job.result.out);
    totals->replaced += job.result.replaced;
    totals->skipped += job.result.skipped;
    done_bytes += job.block.data.size();
    progress.update(done_bytes, input.size());
    return job.result.status;
  };
  const BlockPolicy policy = command.block_policy();
  // N workers process blocks; this thread reads and writes, so I/O overlaps
  // the work even at -j 1.
  Workers workers(command, input.name(), options.jobs);
  std::deque<std::unique_ptr<Job>> in_flight;
  const size_t max_in_flight = size_t(options.jobs) + 2;
  // Finished jobs are recycled so their buffers keep their capacity: fresh
  // megabyte allocations per block cost more in page faults than the work.
  std::vector<std::unique_ptr<Job>> spare;
  auto retire = [&] {
    std::unique_ptr<Job> job = std::move(in_flight.front());
    in_flight.pop_front();
    job->done = false;
    job->oldest = job->chunk_ready = false;
    job->result.in_order = false;
    job->result.out.clear();
    job->result.status = Status();
    job->result.replaced = job->result.skipped = 0;
    spare.push_back(std::move(job));
  };
  auto write_front = [&]() -> Status {
    Job* front = in_flight.front().get();
    workers.wait(front, [&](const std::string& chunk) { out.write(chunk); });
    Status s = write(*front);
    retire();
    return s;
  };
  Status status;
  while (status.ok() && !out.broken_pipe()) {
    std::unique_ptr<Job> job;
    if (spare.empty()) {
      job = std::make_unique<Job>();
    } else {
      job = std::move(spare.back());
      spare.pop_back();
    }
    job->result.flush_bytes = std::max(BlockResult::kFlushBytes, 2 * policy.target);
    Result<bool> more = input.next_block(&job->block, policy);
    if (!more) {
      status = more.error();
      break;
    }
    if (!*more) break;
    if (job->block.offset == 0 && options.invalid_utf8 != InvalidUtf8::kKeep) {
      if (Status s = check_not_utf16(job->block.data, input.name()); !s) {
        status = s;
        break;
      }
    }
    job->block.first_invalid_utf8 =
        policy.reader_checks_utf8 ? find_invalid_utf8(job->block.data) : Block::kUnchecked;
    workers.submit(job.get());
    in_flight.push_back(std::move(job));
    if (in_flight.size() >= max_in_flight) status = write_front();
  }
  // Drain in order; after an error, wait for the rest but write nothing more.
  while (!in_flight.empty()) {
    if (status.ok() && !out.broken_pipe()) {
      status = write_front();
    } else {
      workers.wait(in_flight.front().get(), [](const std::string&) {});
      retire();
    }
  }
  return status;
}

int run(const std::vector<std::string_view>& args) {
  Result<Options> parsed = parse_options(args);
  if (!parsed) return fail(parsed.error());
  Options& o = *parsed;
  if (o.command == "help") {
    const std::string topic = o.files.empty() ? "" : o.files[0];
    if (!topic.empty() && !is_command(topic)) {
      return fail(
          Error(ErrorCode::kInvalidArgument, "no help for '" + topic + "' (try: dhad --help)"));
    }
    std::cout << help_text(topic);
    return 0;
  }
  if (o.help) {
    std::cout << help_text(o.command);
    return 0;
  }
  if (o.command == "version") {
    std::cout << "dhad " << version() << " (Unicode 15.0.0)\n";
    return 0;
  }
  if (o.files.empty()) o.files.emplace_back("-");
  if (!o.output.empty() && o.output != "-") {
    for (const std::string& f : o.files) {
      if (same_file(f, o.output)) {
        return fail(Error(ErrorCode::kInvalidArgument,
                          printable(o.output) + ": output file is also an input" +
                              (f == "-" ? " (standard input)" : "") + "; write elsewhere"));
      }
    }
    if (!o.model.empty() && same_file(o.model, o.output)) {
      return fail(Error(ErrorCode::kInvalidArgument,
                        printable(o.output) + ": output file is the model; write elsewhere"));
    }
  }
  // More threads than a few per core only cost memory.
  const int max_jobs = std::max(4, 2 * int(std::thread::hardware_concurrency()));
  if (o.jobs > max_jobs) {
    std::cerr << "dhad: -j " << o.jobs << " is more than this machine can use; using -j "
              << max_jobs << " (2 per core)\n";
    o.jobs = max_jobs;
  }
  // Open every input first, so a bad path fails before any output is written.
  std::vector<InputFile> inputs;
  for (const std::string& f : o.files) {
    Result<InputFile> in = InputFile::open(f);
    if (!in) return fail(in.error());
    inputs.push_back(std::move(*in));
  }
  // The command (and any model it loads) before the output, so that a bad model
  // leaves an output file untouched.
  Result<std::unique_ptr<Command>> made = make_command(o, o.files.size() > 1);
  if (!made) return fail(made.error());
  const std::unique_ptr<Command>& command = *made;
  Result<Output> out = Output::open(o.output);
  if (!out) return fail(out.error());
  out->write(command->header());
  const bool show = o.progress == Progress::kAlways ||
                    (o.progress == Progress::kAuto && isatty(2) && !isatty(0 /* typing */));
  ProgressBar progress(show, "dhad " + o.command);
  Totals totals;
  Status status;
  for (size_t i = 0; i < inputs.size(); ++i) {
    status = run_file(inputs[i], *command, o, *out, &totals, progress);
    if (!status || out->broken_pipe()) break;
    // A file's end ends its last line: the next file's first token must not
    // join it.
    if (i + 1 < inputs.size() && out->mid_line()) out->write("\n");
  }
  progress.finish();
  if (status.ok() && !out->broken_pipe()) {
    Result<std::string> trailer = command->trailer();
    if (trailer) {
      out->write(*trailer);
    } else {
      status = trailer.error();
    }
  }
  // Only a run that succeeded replaces the -o file.
  Status flushed = status.ok() ? out->commit() : out->flush();
  if (out->broken_pipe()) return 0;  // the reader went away (| head): not an error
  if (totals.replaced > 0) {
    std::cerr
        << "dhad: replaced " << totals.replaced
        << " invalid UTF-8 sequence(s) with U+FFFD (--invalid-utf8 strict to stop, keep to keep)\n";
  }
  if (totals.skipped > 0) {
    std::cerr << "dhad: skipped " << totals.skipped << " malformed record(s)\n";
  }
  if (!status) return fail(status.error());
  if (!flushed) return fail(flushed.error());
  return 0;
}

}  // namespace
}  // namespace dhad::cli

int main(int argc, char** argv) {
  // A closed pipe shows up as EPIPE from write(), handled quietly, not as a signal.
  signal(SIGPIPE, SIG_IGN);
  std::ios::sync_with_stdio(false);
  std::vector<std::string_view> args(argv + 1, argv + argc);
  return dhad::cli::run(args);
}
